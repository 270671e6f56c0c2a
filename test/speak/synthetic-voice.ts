import type { Recording } from '@/lib/speak/wav';

/** A syllable's pitch from its start (share 0) to its end (share 1), in Hz. */
export type PitchCurve = (share: number) => number;

const SAMPLE_RATE = 16_000;
const SYLLABLE_SECONDS = 0.3;
const GAP_SECONDS = 0.08;

/** Rising, falling, level and dipping glides around a speaker's `baseHz`, in semitones. */
export const glides = (baseHz: number) => {
  const at = (semitones: number) => baseHz * 2 ** (semitones / 12);
  return {
    level: (() => at(4)) as PitchCurve,
    rising: ((share) => at(-1 + 6 * share)) as PitchCurve,
    falling: ((share) => at(5 - 9 * share)) as PitchCurve,
    dipping: ((share) => at(-2 - 4 * Math.sin(Math.PI * Math.min(1, share * 1.3)))) as PitchCurve,
    monotone: (() => at(1)) as PitchCurve,
  };
};

/** A deterministic pseudo-random source, so a noisy test fails the same way every run. */
function noiseSource(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 30 - 1;
  };
}

/**
 * A voice-like signal: each syllable a harmonic tone (ten harmonics falling off like a glottal
 * source) following its pitch curve, faded in and out, with short silences between syllables
 * and white noise at `noiseLevel` (relative to the voice's peak) throughout.
 */
export function synthesise(curves: PitchCurve[], { noiseLevel = 0, seed = 1 } = {}): Recording {
  const syllableLength = Math.round(SYLLABLE_SECONDS * SAMPLE_RATE);
  const gapLength = Math.round(GAP_SECONDS * SAMPLE_RATE);
  const samples = new Float32Array(gapLength + curves.length * (syllableLength + gapLength));
  const noise = noiseSource(seed);
  curves.forEach((curve, index) => {
    const offset = gapLength + index * (syllableLength + gapLength);
    let phase = 0;
    for (let sample = 0; sample < syllableLength; sample++) {
      const share = sample / syllableLength;
      phase += (2 * Math.PI * curve(share)) / SAMPLE_RATE;
      let value = 0;
      for (let harmonic = 1; harmonic <= 10; harmonic++)
        value += Math.sin(harmonic * phase) / harmonic;
      const envelope = Math.min(1, share / 0.1, (1 - share) / 0.1);
      samples[offset + sample] = 0.3 * envelope * value;
    }
  });
  for (let index = 0; index < samples.length; index++) {
    samples[index] = (samples[index] ?? 0) + noiseLevel * 0.5 * noise();
  }
  return { samples, sampleRate: SAMPLE_RATE };
}
