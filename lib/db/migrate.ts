import { readMigrations } from './migrations';
import { MIGRATIONS_DIR } from './paths';
import { withSchemaEngine } from './schema-engine';

export const NO_SCHEMA_FILTER = { externalTables: [], externalEnums: [] };

/**
 * Applies the migrations in prisma/migrations/ that `url` has not seen yet, recording them in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does (the two are interchangeable).
 * Returns the names of the migrations it applied; none when the database is up to date.
 */
export async function migrateDatabase(
  url: string,
  { migrationsDir = MIGRATIONS_DIR }: { migrationsDir?: string } = {},
): Promise<string[]> {
  const migrationsList = await readMigrations(migrationsDir);
  const { appliedMigrationNames } = await withSchemaEngine(url, (engine) =>
    engine.applyMigrations({ migrationsList, filters: NO_SCHEMA_FILTER }),
  );
  return appliedMigrationNames;
}
