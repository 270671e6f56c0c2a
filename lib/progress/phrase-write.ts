import type { PrismaClient } from '@/lib/db/generated/client';
import { UnknownPhraseError } from './unknown-phrase-error';

/** The transaction client Prisma hands to `$transaction(async (tx) => ...)`. */
export type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * The start of every learner write about a phrase (a review, a "Say it" result): the phrase must
 * exist, and the learner row is created on a learner's first write. Its upsert also locks that
 * row until commit, so two writes by one learner run one after the other.
 */
export async function beginPhraseWrite(
  tx: Transaction,
  { learnerId, phraseId }: { learnerId: string; phraseId: number },
  now: Date,
): Promise<void> {
  const phrase = await tx.phrase.findUnique({ where: { id: phraseId }, select: { id: true } });
  if (!phrase) throw new UnknownPhraseError(phraseId);
  await tx.learner.upsert({
    where: { id: learnerId },
    create: { id: learnerId, lastSeenAt: now },
    update: { lastSeenAt: now },
  });
}
