import type { Tone } from './expected-tones';
import { TONE_NAMES } from './tone-shapes';

const ORDINALS = ['1st', '2nd', '3rd'];
const ordinal = (position: number) => ORDINALS[position - 1] ?? `${position}th`;

// What the learner's syllable did, in the words a teacher would use.
const WHAT_IT_DID: Record<Tone, string> = {
  1: 'stayed level',
  2: 'rose',
  3: 'dipped low',
  4: 'fell',
  5: 'was short and light',
};

const HOW_TO_FIX: Record<Tone, string> = {
  1: 'hold it high and steady, as if singing one note',
  2: 'start in the middle of your voice and rise, as when asking "what?"',
  3: 'drop low and stay there (only at the end of a phrase does it come back up)',
  4: 'start high and drop sharply, as when saying "no!" firmly',
  5: 'say it quickly and lightly, without a tone of its own',
};

/**
 * A tip in words for one wrongly toned syllable: "Your 2nd syllable (hao) fell; tone 2 (rising):
 * start in the middle of your voice and rise…". `position` counts from 1.
 */
export function toneTip(position: number, syllable: string, heard: Tone | null, expected: Tone) {
  const subject = `Your ${ordinal(position)} syllable (${syllable})`;
  const what = heard === null ? 'was not heard' : WHAT_IT_DID[heard];
  const name = TONE_NAMES[expected];
  return `${subject} ${what}; it should be ${name}: ${HOW_TO_FIX[expected]}.`;
}
