import type { PrismaClient } from '@/lib/db/generated/client';

/**
 * The lesson of the learner's most recent review: where "continue where you left off" leads.
 * Null before the first review.
 */
export async function loadLastPractisedLessonId(
  db: PrismaClient,
  learnerId: string,
): Promise<number | null> {
  const last = await db.reviewLog.findFirst({
    where: { learnerId },
    orderBy: { reviewedAt: 'desc' },
    select: { phrase: { select: { lessonId: true } } },
  });
  return last?.phrase.lessonId ?? null;
}
