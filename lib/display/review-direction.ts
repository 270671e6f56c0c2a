import { z } from 'zod';

/**
 * Which way a review card is asked: reading (hanzi → meaning), listening (audio only → hanzi and
 * meaning), recall (meaning → hanzi) or speaking (hanzi and meaning → said aloud, tones checked).
 */
export const REVIEW_DIRECTIONS = ['reading', 'listening', 'recall', 'speaking'] as const;

export type ReviewDirection = (typeof REVIEW_DIRECTIONS)[number];

export const REVIEW_DIRECTION_LABELS: Record<ReviewDirection, string> = {
  reading: 'Reading: hanzi → meaning',
  listening: 'Listening: audio → hanzi and meaning',
  recall: 'Recall: meaning → hanzi',
  speaking: 'Speaking: hanzi → say it aloud',
};

/** Never throws: anything but a known direction (a hand-edited URL) means reading. */
export function parseReviewDirection(raw: unknown): ReviewDirection {
  return z.enum(REVIEW_DIRECTIONS).catch('reading').parse(raw);
}
