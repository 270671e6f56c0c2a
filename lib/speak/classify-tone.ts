import type { Tone } from './expected-tones';
import { TONE_SHAPES } from './tone-shapes';

// The shapes a syllable is compared with: the four drawn ones, plus the other ways each tone is
// commonly realised: tone 1 reached by a quick glide up from a lower syllable, tone 2 from low
// down or rising late, tone 3's full dip-and-rise
// (alone or phrase-final) and its low hump, tone 4 with a short rise onto its peak. The offline
// voice says many of its tones in these second forms.
const CANDIDATES: [Tone, readonly number[]][] = [
  [1, TONE_SHAPES[1]],
  [1, [0.65, 0.85, 0.95, 1, 1]],
  [2, TONE_SHAPES[2]],
  [2, [0.05, 0.15, 0.35, 0.6, 0.85]],
  [2, [0.5, 0.5, 0.55, 0.7, 0.9]],
  [3, TONE_SHAPES[3]],
  [3, [0.3, 0.1, 0.05, 0.25, 0.55]],
  [3, [0.5, 0.1, 0.05, 0.4, 0.75]],
  [3, [0.1, 0.2, 0.25, 0.2, 0.1]],
  [3, [0.35, 0.45, 0.4, 0.4, 0.7]],
  [4, TONE_SHAPES[4]],
  [4, [0.75, 0.95, 0.9, 0.6, 0.3]],
  [4, [0.9, 0.55, 0.25, 0.1, 0.05]],
];

// The five points sit at these shares of the syllable: its first and last tenth are the glide
// in from the consonant and out to the next syllable, not the tone.
const SAMPLE_POINTS = [0.1, 0.3, 0.5, 0.7, 0.9];

function medianSmooth(values: number[], radius = 2): number[] {
  return values.map((_, index) => {
    const around = values
      .slice(Math.max(0, index - radius), index + radius + 1)
      .sort((a, b) => a - b);
    return around[Math.floor(around.length / 2)] ?? 0;
  });
}

/** A contour (any number of levels, in time order) resampled to five levels. */
export function fivePointShape(levels: number[]): number[] {
  const smooth = medianSmooth(levels);
  const last = smooth.length - 1;
  return SAMPLE_POINTS.map((share) => {
    const position = share * last;
    const below = Math.floor(position);
    const weight = position - below;
    return (smooth[below] ?? 0) * (1 - weight) + (smooth[below + 1] ?? smooth[below] ?? 0) * weight;
  });
}

const mean = (values: readonly number[]) =>
  values.reduce((sum, value) => sum + value, 0) / values.length;

// Shape (the movement) counts for more than height: a learner's range is only estimated from
// one phrase, and a flat syllable in the middle of it must read as level, not as a slow rise.
const LEVEL_WEIGHT = 0.3;

function distance(shape: readonly number[], candidate: readonly number[], levelWeight: number) {
  const shapeMean = mean(shape);
  const candidateMean = mean(candidate);
  const movement = shape.reduce(
    (sum, value, index) =>
      sum + (value - shapeMean - ((candidate[index] ?? 0) - candidateMean)) ** 2,
    0,
  );
  return movement + levelWeight * (shapeMean - candidateMean) ** 2;
}

// The neutral tone has no contour of its own (it sits level wherever the tone before leaves it):
// what sets it apart is being short and light. Its distance is how far the syllable is from level,
// plus this weight times its stress (1 for a typical syllable of the phrase).
const NEUTRAL_STRESS_WEIGHT = 0.035;

/**
 * Names the tone of one syllable from its pitch levels (0 bottom, 1 top of the speaker's range):
 * the tone of the candidate shape nearest to it. `stress` (see syllable-stress.ts) is given for a
 * syllable inside a phrase (a word said alone is never neutral). `judgeHeight` is false where the
 * speaker's range is unknown (a single word, a level phrase): then only movement is judged.
 */
export function classifyTone(
  levels: number[],
  { stress, judgeHeight }: { stress?: number; judgeHeight: boolean },
): Tone {
  const shape = fivePointShape(levels);
  const levelWeight = judgeHeight ? LEVEL_WEIGHT : 0;
  let best: { tone: Tone; distance: number } = { tone: 1, distance: Infinity };
  for (const [tone, candidate] of CANDIDATES) {
    const fit = distance(shape, candidate, levelWeight);
    if (fit < best.distance) best = { tone, distance: fit };
  }
  if (stress !== undefined) {
    const level = mean(shape);
    const neutral =
      distance(
        shape,
        shape.map(() => level),
        0,
      ) +
      NEUTRAL_STRESS_WEIGHT * stress ** 2;
    if (neutral < best.distance) return 5;
  }
  return best.tone;
}
