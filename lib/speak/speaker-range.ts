/**
 * The speaker's own pitch range over a recording, in Hz (10th to 90th percentile). `widened` when
 * the recording spanned less than a voice's least range (a level phrase): then nothing says where
 * the voice's top and bottom are, and only movement, not height, can be judged.
 */
export type SpeakerRange = { lowHz: number; highHz: number; widened: boolean };

// A phrase spoken flat, or a one-syllable word, spans less than a speaker's real range. Treating
// a few semitones as the least range keeps a flat syllable from being stretched into a glide.
const MIN_RANGE_SEMITONES = 2.5;

export const semitonesBetween = (fromHz: number, toHz: number) => 12 * Math.log2(toHz / fromHz);

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}

/** The range that pitches are judged against, so a low and a high voice are judged alike. */
export function speakerRange(voicedHz: number[]): SpeakerRange {
  const sorted = [...voicedHz].sort((a, b) => a - b);
  const lowHz = percentile(sorted, 0.1);
  const highHz = percentile(sorted, 0.9);
  const span = semitonesBetween(lowHz, highHz);
  if (span >= MIN_RANGE_SEMITONES) return { lowHz, highHz, widened: false };
  // Widen around the middle of what was heard.
  const centreHz = Math.sqrt(lowHz * highHz);
  const half = 2 ** (MIN_RANGE_SEMITONES / 2 / 12);
  return { lowHz: centreHz / half, highHz: centreHz * half, widened: true };
}

/**
 * Where a pitch sits in the speaker's range on a semitone scale: 0 at the bottom, 1 at the top
 * (a little outside either end is possible).
 */
export function levelInRange(hz: number, { lowHz, highHz }: SpeakerRange): number {
  return semitonesBetween(lowHz, hz) / semitonesBetween(lowHz, highHz);
}
