import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createMigration, diffSchemaFromMigrations } from '@/lib/db/diff';
import { migrateDatabase } from '@/lib/db/migrate';
import { MIGRATIONS_DIR, SCHEMA_PATH } from '@/lib/db/paths';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('migrations', () => {
  let database: TestDatabase;

  before(async () => {
    database = await createTestDatabase();
  });

  after(async () => {
    await database.drop();
  });

  test('are recorded in _prisma_migrations as prisma migrate deploy records them', async () => {
    const folders = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const recorded = await database.prisma.$queryRaw<
      { migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }[]
    >`SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name`;
    assert.deepEqual(
      recorded.map((row) => row.migration_name),
      folders,
    );
    for (const row of recorded) {
      assert.ok(row.finished_at, `${row.migration_name} finished`);
      assert.equal(row.rolled_back_at, null);
    }
  });

  test('applying them again changes nothing', async () => {
    assert.deepEqual(await migrateDatabase(database.url), []);
    const [row] = await database.prisma.$queryRaw<
      { count: bigint }[]
    >`SELECT count(*) FROM _prisma_migrations`;
    assert.equal(Number(row?.count), (await readdir(MIGRATIONS_DIR)).length - 1);
  });

  test('give the tables the app queries', async () => {
    const learner = await database.prisma.learner.create({ data: {} });
    assert.equal(learner.dailyGoal, 10);
    await database.prisma.learner.delete({ where: { id: learner.id } });
  });
});

describe('db:diff', () => {
  let workDir: string;

  before(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'tingshuo-diff-'));
    await cp(MIGRATIONS_DIR, join(workDir, 'migrations'), { recursive: true });
  });

  after(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  test('finds nothing to do: the schema matches the migrations', async () => {
    assert.equal(await diffSchemaFromMigrations(), null);
  });

  test('writes the next migration for a schema change, and it applies', async () => {
    const schemaPath = join(workDir, 'schema.prisma');
    const schema = await readFile(SCHEMA_PATH, 'utf8');
    const changed = schema.replace(
      '  dailyGoal     Int            @default(10)',
      '  dailyGoal     Int            @default(10)\n  nickname      String?',
    );
    assert.notEqual(changed, schema, 'the test edits a line the schema still has');
    await writeFile(schemaPath, changed);
    const migrationsDir = join(workDir, 'migrations');

    const folder = await createMigration('add learner nickname', {
      schemaPath,
      migrationsDir,
      now: new Date('2099-01-02T03:04:05Z'),
    });

    assert.equal(folder, join(migrationsDir, '20990102030405_add_learner_nickname'));
    const sql = await readFile(join(folder, 'migration.sql'), 'utf8');
    assert.match(sql, /ALTER TABLE "Learner" ADD COLUMN\s+"nickname" TEXT/);
    assert.equal(await diffSchemaFromMigrations({ schemaPath, migrationsDir }), null);

    const database = await createTestDatabase();
    try {
      assert.deepEqual(await migrateDatabase(database.url, { migrationsDir }), [
        '20990102030405_add_learner_nickname',
      ]);
      const columns = await database.prisma.$queryRaw<{ column_name: string }[]>`
        SELECT column_name FROM information_schema.columns
        WHERE table_name = 'Learner' AND column_name = 'nickname'`;
      assert.equal(columns.length, 1);
    } finally {
      await database.drop();
    }
  });
});
