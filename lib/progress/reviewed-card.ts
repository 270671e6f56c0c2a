import { State } from 'ts-fsrs';
import type { CardColumns } from './scheduler';

/** A card as the API answers it after a review: when it comes back, and how it is doing. */
export interface ReviewedCard {
  phraseId: number;
  /** ISO date-time of the next review. */
  due: string;
  state: keyof typeof State;
  scheduledDays: number;
  reps: number;
  lapses: number;
}

export function reviewedCard(phraseId: number, card: CardColumns): ReviewedCard {
  return {
    phraseId,
    due: card.due.toISOString(),
    state: State[card.state as State] as keyof typeof State,
    scheduledDays: card.scheduledDays,
    reps: card.reps,
    lapses: card.lapses,
  };
}
