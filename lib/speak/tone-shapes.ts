import type { Tone } from './expected-tones';

/**
 * Each tone's contour as five pitch levels across the syllable, 0 the bottom of the speaker's
 * range and 1 the top: Chao's tone letters (1 = 55, 2 = 35, 3 = 21(4), 4 = 51) rescaled. Tone 3
 * is drawn as the low "half third" that it is in running speech; a final rise is allowed for
 * in the classifier. The neutral tone takes its pitch from the tone before it, so it has no shape
 * of its own and is drawn mid-low and level.
 */
export const TONE_SHAPES: Record<Tone, readonly number[]> = {
  1: [0.9, 0.9, 0.9, 0.9, 0.9],
  2: [0.35, 0.4, 0.55, 0.75, 0.95],
  3: [0.3, 0.15, 0.05, 0.05, 0.15],
  4: [1, 0.85, 0.6, 0.35, 0.1],
  5: [0.3, 0.3, 0.25, 0.25, 0.25],
};

export const TONE_NAMES: Record<Tone, string> = {
  1: 'tone 1 (high and level)',
  2: 'tone 2 (rising)',
  3: 'tone 3 (low, dipping)',
  4: 'tone 4 (falling)',
  5: 'the neutral tone (short and light)',
};
