import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate';
import { seedDatabase } from '@/lib/db/seed';

/** The machine's PostgreSQL (trust auth), where every test creates its own database. */
export const TEST_POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgresql://root@127.0.0.1:5432/postgres';

export type TestDatabase = {
  /** Connection URL of this test's own database. */
  url: string;
  prisma: PrismaClient;
  /** Disconnects and drops the database. */
  drop(): Promise<void>;
};

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, uniquely named database on the real PostgreSQL, migrated like production, and
 * seeded with the HSK curriculum when asked. Benchmarks make theirs here too, on the server
 * and under the name they choose.
 */
export async function createTestDatabase({
  seed = false,
  serverUrl = TEST_POSTGRES_URL,
  namePrefix = 'tingshuo_test',
}: { seed?: boolean; serverUrl?: string; namePrefix?: string } = {}): Promise<TestDatabase> {
  const name = `${namePrefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    await onServer(serverUrl, (client) =>
      client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    );
  };
  try {
    await migrateDatabase(url.toString());
    const prisma = createPrismaClient(url.toString());
    if (seed) await seedDatabase(prisma);
    return {
      url: url.toString(),
      prisma,
      async drop() {
        await prisma.$disconnect();
        await drop();
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
}
