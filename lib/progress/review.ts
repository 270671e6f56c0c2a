import type { Grade } from 'ts-fsrs';
import type { PrismaClient } from '@/lib/db/generated/client';
import { beginPhraseWrite } from './phrase-write';
import { rememberReview, replayedReview, type ReviewIdempotency } from './review-idempotency';
import { reviewedCard, type ReviewedCard } from './reviewed-card';
import { scheduleReview } from './scheduler';

export { UnknownPhraseError } from './unknown-phrase-error';

export interface ReviewInput {
  learnerId: string;
  phraseId: number;
  /** 1 Again, 2 Hard, 3 Good, 4 Easy. */
  rating: Grade;
}

/**
 * Saves one answered review: the card's next state and the review's log, in one transaction so
 * the two never disagree. `beginPhraseWrite` locks the learner's row until commit, so two reviews
 * by one learner run one after the other and neither schedules from a card state the other has
 * already replaced.
 *
 * With an idempotency key, a key already answered replays its stored card (`replayed: true`)
 * and writes nothing; a new key is stored in this same transaction (see review-idempotency.ts).
 */
export async function recordReview(
  db: PrismaClient,
  { learnerId, phraseId, rating }: ReviewInput,
  now: Date,
  idempotency?: ReviewIdempotency,
): Promise<{ card: ReviewedCard; replayed: boolean }> {
  return db.$transaction(async (tx) => {
    if (idempotency) {
      const replayed = await replayedReview(tx, learnerId, idempotency, now);
      if (replayed) return { card: replayed, replayed: true };
    }
    await beginPhraseWrite(tx, { learnerId, phraseId }, now);
    const key = { learnerId_phraseId: { learnerId, phraseId } };
    const previous = await tx.reviewState.findUnique({ where: key });
    const { card, log } = scheduleReview(previous, rating, now);
    await tx.reviewState.upsert({
      where: key,
      create: { learnerId, phraseId, ...card },
      update: card,
    });
    await tx.reviewLog.create({ data: { learnerId, phraseId, ...log } });
    const answered = reviewedCard(phraseId, card);
    if (idempotency) await rememberReview(tx, learnerId, idempotency, answered);
    return { card: answered, replayed: false };
  });
}
