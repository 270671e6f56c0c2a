import { createEmptyCard, fsrs, type Card, type Grade, type State } from 'ts-fsrs';
import type { ReviewState } from '@/lib/db/generated/client';

/** The scheduling columns of a ReviewState row (everything but its keys). */
export type CardColumns = Omit<ReviewState, 'learnerId' | 'phraseId'>;

/** The columns of a ReviewLog row that describe the review (everything but ids and keys). */
export interface ReviewLogColumns {
  rating: number;
  state: number;
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  lastElapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reviewedAt: Date;
}

// Default FSRS parameters: 90 % target retention, learning steps of 1 and 10 minutes. Fuzz stays
// off so the same review always lands on the same due date.
const scheduler = fsrs();

function toCard(columns: CardColumns): Card {
  return {
    due: columns.due,
    stability: columns.stability,
    difficulty: columns.difficulty,
    elapsed_days: columns.elapsedDays,
    scheduled_days: columns.scheduledDays,
    learning_steps: columns.learningSteps,
    reps: columns.reps,
    lapses: columns.lapses,
    state: columns.state as State,
    last_review: columns.lastReview ?? undefined,
  };
}

function toColumns(card: Card): CardColumns {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}

/**
 * The card after answering `rating` at `now`, and the log of that review. `previous` is null for a
 * phrase the learner has never reviewed (a new card).
 */
export function scheduleReview(
  previous: CardColumns | null,
  rating: Grade,
  now: Date,
): { card: CardColumns; log: ReviewLogColumns } {
  const { card, log } = scheduler.next(
    previous ? toCard(previous) : createEmptyCard(now),
    now,
    rating,
  );
  return {
    card: toColumns(card),
    log: {
      rating: log.rating,
      state: log.state,
      due: log.due,
      stability: log.stability,
      difficulty: log.difficulty,
      elapsedDays: log.elapsed_days,
      lastElapsedDays: log.last_elapsed_days,
      scheduledDays: log.scheduled_days,
      learningSteps: log.learning_steps,
      reviewedAt: log.review,
    },
  };
}

/** Seconds from `now` until the card would be due again, for each rating: what Anki shows. */
export function nextIntervals(previous: CardColumns | null, now: Date): Record<Grade, number> {
  const seconds = (rating: Grade) =>
    Math.round((scheduleReview(previous, rating, now).card.due.getTime() - now.getTime()) / 1000);
  return { 1: seconds(1), 2: seconds(2), 3: seconds(3), 4: seconds(4) };
}
