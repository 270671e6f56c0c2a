import { createTestDatabase } from '../../test/support/database';
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

/** A database of the bench's own, migrated and seeded with the curriculum; `drop()` removes it. */
export async function benchDatabase(label: string): Promise<{
  url: string;
  curriculum: Curriculum;
  drop(): Promise<void>;
}> {
  const { url, prisma, drop } = await createTestDatabase({
    seed: true,
    serverUrl: POSTGRES,
    namePrefix: `tingshuo_bench_${label}`,
  });
  const phrases = await prisma.phrase.findMany({
    select: { id: true, hanzi: true },
    orderBy: [{ lesson: { position: 'asc' } }, { position: 'asc' }],
  });
  const lessons = await prisma.lesson.findMany({
    select: { slug: true },
    orderBy: { position: 'asc' },
  });
  // The app under load is the one to hold connections, not the bench.
  await prisma.$disconnect();
  return { url, curriculum: { phrases, lessonSlugs: lessons.map((lesson) => lesson.slug) }, drop };
}
