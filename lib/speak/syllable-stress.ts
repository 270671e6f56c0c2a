import type { PitchFrame } from './pitch-track';
import type { Segment } from './syllable-segments';

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * How stressed each syllable is next to the others of its phrase: its length times its peak
 * loudness, each relative to the phrase's median (1 is a typical syllable). A neutral-tone
 * syllable is short and light, at about half the typical stress.
 */
export function syllableStress(frames: PitchFrame[], segments: Segment[]): number[] {
  const lengths = segments.map((segment) => segment.end - segment.start);
  const peaks = segments.map((segment) =>
    Math.max(0, ...frames.slice(segment.start, segment.end).map((frame) => frame.rms)),
  );
  const typicalLength = median(lengths) || 1;
  const typicalPeak = median(peaks) || 1;
  return segments.map(
    (_, index) => ((lengths[index] ?? 0) / typicalLength) * ((peaks[index] ?? 0) / typicalPeak),
  );
}
