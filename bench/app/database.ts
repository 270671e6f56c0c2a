import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPrismaClient } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate';
import { seedDatabase } from '@/lib/db/seed';
import type { Curriculum } from './mix';

const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgresql://root@127.0.0.1:5432/postgres';

/**
 * Raised for benches only: every request comes from 127.0.0.1, so the per-IP budget that
 * protects production would stop a load test after a few hundred requests.
 */
export const RAISED_LIMITS = {
  RATE_LIMIT_TTS_PER_LEARNER_PER_MINUTE: '1000000',
  RATE_LIMIT_TTS_PER_IP_PER_MINUTE: '1000000',
  RATE_LIMIT_CHAT_PER_LEARNER_PER_MINUTE: '1000000',
  RATE_LIMIT_CHAT_PER_IP_PER_MINUTE: '1000000',
};

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A database of the bench's own, migrated and seeded with the curriculum; `drop()` removes it. */
export async function benchDatabase(label: string): Promise<{
  url: string;
  curriculum: Curriculum;
  drop(): Promise<void>;
}> {
  const name = `tingshuo_bench_${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  const prisma = createPrismaClient(url.toString());
  await seedDatabase(prisma);
  const phrases = await prisma.phrase.findMany({
    select: { id: true, hanzi: true },
    orderBy: [{ lesson: { position: 'asc' } }, { position: 'asc' }],
  });
  const lessons = await prisma.lesson.findMany({
    select: { slug: true },
    orderBy: { position: 'asc' },
  });
  await prisma.$disconnect();
  return {
    url: url.toString(),
    curriculum: { phrases, lessonSlugs: lessons.map((lesson) => lesson.slug) },
    drop: () =>
      onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => {},
      ),
  };
}
