import { createHash } from 'node:crypto';
import type { Prisma } from '@/lib/db/generated/client';
import type { ReviewedCard } from './reviewed-card';

/**
 * `Idempotency-Key` for reviews (IETF httpapi draft semantics), kept in PostgreSQL next to the
 * review it guards so that "saved" and "key remembered" are one commit, on every instance:
 * - same key, same request: the first outcome is replayed, nothing is written again;
 * - same key, another request: refused (the client reused a key by mistake);
 * - same key while the first request is still running: refused for now, retry shortly.
 */
export interface ReviewIdempotency {
  key: string;
  /** Identifies the request the key was sent with (see `reviewFingerprint`). */
  fingerprint: string;
}

/** How long a key is remembered: far longer than any client retries a rating. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

export class IdempotencyKeyInProgressError extends Error {
  override readonly name = 'IdempotencyKeyInProgressError';
  constructor() {
    super('A request with this Idempotency-Key is still being processed; retry shortly.');
  }
}

export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor() {
    super('This Idempotency-Key was already used for a different request.');
  }
}

export function reviewFingerprint(phraseId: number, rating: number): string {
  return createHash('sha256').update(JSON.stringify({ phraseId, rating })).digest('hex');
}

/**
 * Inside the review's transaction, before anything is written: the stored outcome when this key
 * was already answered, undefined when the review should go ahead. A transaction-scoped advisory
 * lock on the key tells a concurrent duplicate (on any instance) from a finished one without
 * waiting for it; it is released at commit, when the key's row becomes visible.
 */
export async function replayedReview(
  tx: Prisma.TransactionClient,
  learnerId: string,
  { key, fingerprint }: ReviewIdempotency,
  now: Date,
): Promise<ReviewedCard | undefined> {
  const [lock] = await tx.$queryRaw<{ acquired: boolean }[]>`
    SELECT pg_try_advisory_xact_lock(hashtextextended(${`review:${learnerId}:${key}`}, 0)) AS acquired`;
  if (!lock?.acquired) throw new IdempotencyKeyInProgressError();
  await tx.reviewIdempotencyKey.deleteMany({
    where: { learnerId, createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS) } },
  });
  const stored = await tx.reviewIdempotencyKey.findUnique({
    where: { learnerId_key: { learnerId, key } },
  });
  if (!stored) return undefined;
  if (stored.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
  return stored.card as unknown as ReviewedCard;
}

export async function rememberReview(
  tx: Prisma.TransactionClient,
  learnerId: string,
  { key, fingerprint }: ReviewIdempotency,
  card: ReviewedCard,
): Promise<void> {
  await tx.reviewIdempotencyKey.create({
    data: { learnerId, key, fingerprint, card: card as unknown as Prisma.InputJsonValue },
  });
}
