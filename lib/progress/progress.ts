import type { Grade } from 'ts-fsrs';
import type { Cache, CacheStatus } from '@/lib/cache';
import { DEFAULT_NEW_CARDS_PER_DAY } from '@/lib/config';
import type { PrismaClient } from '@/lib/db/generated/client';
import { log } from '@/lib/log/logger';
import { utcDay } from './calendar';
import { loadDueCards, type DueCard } from './due-cards';
import { loadLastPractisedLessonId } from './last-practised';
import { recordPractice, type PracticeInput } from './practice';
import { recordReview } from './review';
import { reviewFingerprint } from './review-idempotency';
import type { ReviewedCard } from './reviewed-card';
import {
  loadProgressSummary,
  progressAsOf,
  storedProgressSchema,
  type ProgressSummary,
} from './summary';

/** What progress needs of lib/cache: a cache with a `progress` namespace. */
export type ProgressCache = Pick<Cache<'progress'>, 'getOrSet' | 'delete'>;

export interface ProgressOptions {
  db: PrismaClient;
  cache: ProgressCache;
  /** Injected so tests can review on chosen days; defaults to the wall clock. */
  clock?: () => Date;
  newCardsPerDay?: number;
  /** Where a cache step that failed after the review was saved is reported; it never fails it. */
  onCacheError?: (error: unknown) => void;
}

export interface Progress {
  progressSummary(learnerId: string): Promise<{ summary: ProgressSummary; cache: CacheStatus }>;
  dueCards(learnerId: string, limit: number): Promise<DueCard[]>;
  /** The lesson of the learner's latest review, or null before the first one. */
  lastPractisedLessonId(learnerId: string): Promise<number | null>;
  /**
   * Saves one review. `summary` is null when the review was saved but the summary could not be
   * read afterwards: the write is what the answer reports. `replayed`: an earlier request with
   * the same `idempotencyKey` had saved it, and nothing was written this time.
   */
  review(input: {
    learnerId: string;
    phraseId: number;
    rating: Grade;
    idempotencyKey?: string;
  }): Promise<{ card: ReviewedCard; summary: ProgressSummary | null; replayed: boolean }>;
  /** Saves a "Say it" result; the summary answered counts it (null as for `review`). */
  practise(input: PracticeInput): Promise<{ summary: ProgressSummary | null }>;
}

/**
 * The summary's cache key. It always starts with the learner id, so one learner's entry can never
 * answer another's read, and it names the UTC day, so "reviewed today" and the streak start afresh
 * at midnight instead of being served from yesterday's entry.
 */
export function progressSummaryKey(learnerId: string, day: string): string {
  return `${learnerId}:${day}`;
}

export function createProgress({
  db,
  cache,
  clock = () => new Date(),
  newCardsPerDay = DEFAULT_NEW_CARDS_PER_DAY,
  onCacheError = (error) =>
    log.warn({ err: error }, 'progress: a cache step after a saved review failed'),
}: ProgressOptions): Progress {
  const cachedSummary = async (learnerId: string, now: Date, forceFresh = false) => {
    const { value, status } = await cache.getOrSet({
      namespace: 'progress',
      key: progressSummaryKey(learnerId, utcDay(now)),
      schema: storedProgressSchema,
      forceFresh,
      loader: () => loadProgressSummary(db, learnerId, now),
    });
    return { summary: progressAsOf(value, now), status };
  };

  // After a write (database first): delete the cached summary, then fill it again from the
  // database. The delete leaves a fence in Redis that refuses any fill whose loader read the
  // database before this commit (a racing write's, or a read's), tells other instances to drop
  // their copy, and keeps later reads from joining a load that started before it. The refill
  // reads after the commit, so the summary answered shows this write, and the learner's next
  // progress read, which usually follows at once, is a hit rather than a miss. A Redis failure
  // is reported and swallowed: the write is already saved, and reads fall back to the database.
  // Once the write is committed nothing after it fails the request: a summary that cannot be
  // read is answered as null.
  const summaryAfterWrite = async (
    learnerId: string,
    now: Date,
  ): Promise<ProgressSummary | null> => {
    try {
      await cache.delete('progress', progressSummaryKey(learnerId, utcDay(now)));
    } catch (error) {
      onCacheError(error);
    }
    try {
      return (await cachedSummary(learnerId, now, true)).summary;
    } catch (error) {
      onCacheError(error);
      return null;
    }
  };

  return {
    async progressSummary(learnerId) {
      const { summary, status } = await cachedSummary(learnerId, clock());
      return { summary, cache: status };
    },

    // The review queue is read from the database every time: it changes with each answer and
    // with the clock (a card in a 1-minute learning step), and a stale queue would show a card
    // twice or hide one that is due.
    dueCards(learnerId, limit) {
      return loadDueCards(db, learnerId, { now: clock(), limit, newCardsPerDay });
    },

    lastPractisedLessonId(learnerId) {
      return loadLastPractisedLessonId(db, learnerId);
    },

    async review({ learnerId, phraseId, rating, idempotencyKey }) {
      const now = clock();
      const idempotency = idempotencyKey
        ? { key: idempotencyKey, fingerprint: reviewFingerprint(phraseId, rating) }
        : undefined;
      const { card, replayed } = await recordReview(
        db,
        { learnerId, phraseId, rating },
        now,
        idempotency,
      );
      return { card, summary: await summaryAfterWrite(learnerId, now), replayed };
    },

    async practise(input) {
      const now = clock();
      await recordPractice(db, input, now);
      return { summary: await summaryAfterWrite(input.learnerId, now) };
    },
  };
}
