// `npm run db:migrate`: applies pending migrations to DATABASE_URL with Prisma's WASM schema
// engine (no native engine needed). Interchangeable with `prisma migrate deploy`.
import { config } from '@/lib/config';
import { migrateDatabase } from '@/lib/db/migrate';

const url = config().DATABASE_URL;
if (!url) {
  console.error(
    'DATABASE_URL: expected a postgresql:// URL to migrate (npm run dev migrates the embedded database itself)',
  );
  process.exit(1);
}
const applied = await migrateDatabase(url);
console.log(applied.length ? `Applied ${applied.join(', ')}` : 'Database already up to date');
