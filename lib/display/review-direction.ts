import { z } from 'zod';

/**
 * Which way a review card is asked: reading (hanzi → meaning), listening (audio only → hanzi and
 * meaning) or recall (meaning → hanzi).
 */
export const REVIEW_DIRECTIONS = ['reading', 'listening', 'recall'] as const;

export type ReviewDirection = (typeof REVIEW_DIRECTIONS)[number];

export const REVIEW_DIRECTION_LABELS: Record<ReviewDirection, string> = {
  reading: 'Reading: hanzi → meaning',
  listening: 'Listening: audio → hanzi and meaning',
  recall: 'Recall: meaning → hanzi',
};

/** Never throws: anything but a known direction (a hand-edited URL) means reading. */
export function parseReviewDirection(raw: unknown): ReviewDirection {
  return z.enum(REVIEW_DIRECTIONS).catch('reading').parse(raw);
}
