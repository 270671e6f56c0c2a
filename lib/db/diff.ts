import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { startEmbeddedDatabase } from './embedded';
import { NO_SCHEMA_FILTER } from './migrate';
import { readMigrations } from './migrations';
import { MIGRATIONS_DIR, SCHEMA_PATH } from './paths';
import { withSchemaEngine } from './schema-engine';

type DiffOptions = { schemaPath?: string; migrationsDir?: string };

// `prisma migrate diff --exit-code` convention: 2 when the two sides differ.
const CHANGES_FOUND = 2;

/**
 * The SQL that would bring a database built from the migrations up to the schema, or null
 * when they already agree. The engine replays the migrations into a throwaway in-memory
 * PGlite (its "shadow database"), so this needs neither a server nor the network.
 */
export async function diffSchemaFromMigrations({
  schemaPath = SCHEMA_PATH,
  migrationsDir = MIGRATIONS_DIR,
}: DiffOptions = {}): Promise<string | null> {
  const schema = await readFile(schemaPath, 'utf8');
  const migrationsList = await readMigrations(migrationsDir);
  const scratch = await startEmbeddedDatabase({ port: 0 });
  try {
    const { exitCode, stdout } = await withSchemaEngine(
      scratch.url,
      (engine) =>
        engine.diff({
          from: { tag: 'migrations', ...migrationsList },
          to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
          script: true,
          exitCode: true,
          filters: NO_SCHEMA_FILTER,
        }),
      { datamodels: [[basename(schemaPath), schema]], shadowDatabase: 'same-database' },
    );
    return exitCode === CHANGES_FOUND && stdout ? stdout : null;
  } finally {
    await scratch.stop();
  }
}

/** `20250101120000`: the UTC timestamp prefix of Prisma's migration folders. */
function migrationTimestamp(now: Date): string {
  return now.toISOString().replace(/\D/g, '').slice(0, 14);
}

function migrationSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!slug) throw new Error(`expected a migration name with letters or digits, got "${name}"`);
  return slug.slice(0, 200);
}

/**
 * Writes the next migration (`<timestamp>_<name>/migration.sql`) for the changes made to the
 * schema since the last one, as `prisma migrate dev --create-only` would. Returns its folder,
 * or null when the schema has no changes to migrate.
 */
export async function createMigration(
  name: string,
  options: DiffOptions & { now?: Date } = {},
): Promise<string | null> {
  const folderName = `${migrationTimestamp(options.now ?? new Date())}_${migrationSlug(name)}`;
  const sql = await diffSchemaFromMigrations(options);
  if (sql === null) return null;
  const folder = join(options.migrationsDir ?? MIGRATIONS_DIR, folderName);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'migration.sql'), sql);
  return folder;
}
