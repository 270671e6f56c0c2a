// `npm run db:diff -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql for
// the changes made to prisma/schema.prisma since the last migration. Offline: the migrations
// are replayed into a throwaway in-memory PGlite, no database server is used.
import { relative } from 'node:path';
import { createMigration } from '@/lib/db/diff';

const name = process.argv[2];
if (!name) {
  console.error('usage: npm run db:diff -- <migration_name>');
  process.exit(1);
}
const folder = await createMigration(name);
console.log(
  folder
    ? `Created ${relative(process.cwd(), folder)}/migration.sql`
    : 'No schema changes: nothing to migrate',
);
