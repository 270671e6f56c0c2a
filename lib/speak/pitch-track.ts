import { PitchDetector } from 'pitchy';
import { voiceBandFilter } from './voice-band-filter';
import type { Recording } from './wav';

/** One analysis frame: its centre time, its loudness, and its pitch when it is voiced. */
export type PitchFrame = { time: number; rms: number; hz: number | null };
export type PitchTrack = { hopSeconds: number; frames: PitchFrame[] };

export const HOP_SECONDS = 0.01;
// A falling tone drops a semitone in ~30 ms, and MPM needs the period to hold still inside its
// window: ~20 ms (a power of two of samples) still holds a period of the lowest voice we judge.
const WINDOW_SECONDS = 0.02;
const LOWEST_HZ = 65;
const HIGHEST_HZ = 600;
// pitchy returns the first NSDF peak above this share of the highest one. Its default (0.9)
// lets a spurious peak at a long lag (where few samples overlap) win and report f0/3; a lower
// bar picks the first real period, and `MIN_CLARITY` below still decides what counts as voiced.
const PEAK_PICKING_THRESHOLD = 0.6;
// But in a low voice (~90 Hz) the window holds only two periods, and at the loudest frames of a
// vowel a peak at 2/3 of the period can pass that lower bar: MPM then reports 3/2 of the pitch
// with a poor clarity, and the frame read as unvoiced split one syllable in two. Such a frame is
// measured again with this stricter bar, which skips the spurious peak.
const RETRY_PEAK_PICKING_THRESHOLD = 0.8;
const MIN_CLARITY = 0.75;
// Frames quieter than this share of the loudest frame are silence or breath, whatever MPM says.
const MIN_RELATIVE_RMS = 0.06;

const powerOfTwoAtLeast = (value: number) => 2 ** Math.ceil(Math.log2(value));

/**
 * Tracks the pitch of a recording with the McLeod pitch method (pitchy) every 10 ms. Unvoiced
 * frames (unclear periodicity, silence, or a pitch outside a human voice) get `hz: null`.
 */
export function trackPitch({ samples, sampleRate }: Recording): PitchTrack {
  const windowLength = powerOfTwoAtLeast(WINDOW_SECONDS * sampleRate);
  const hop = Math.round(HOP_SECONDS * sampleRate);
  const detector = PitchDetector.forFloat32Array(windowLength);
  const strictDetector = PitchDetector.forFloat32Array(windowLength);
  detector.clarityThreshold = PEAK_PICKING_THRESHOLD;
  strictDetector.clarityThreshold = RETRY_PEAK_PICKING_THRESHOLD;
  const filtered = voiceBandFilter(samples, sampleRate);
  const window = new Float32Array(windowLength);
  const raw: { time: number; rms: number; hz: number; clarity: number }[] = [];
  for (let start = 0; start + windowLength <= filtered.length; start += hop) {
    let sum = 0;
    for (let index = 0; index < windowLength; index++) sum += filtered[start + index] ?? 0;
    const mean = sum / windowLength;
    let energy = 0;
    for (let index = 0; index < windowLength; index++) {
      const value = (filtered[start + index] ?? 0) - mean;
      window[index] = value;
      energy += value * value;
    }
    let [hz, clarity] = detector.findPitch(window, sampleRate);
    if (clarity < MIN_CLARITY) [hz, clarity] = strictDetector.findPitch(window, sampleRate);
    const time = (start + windowLength / 2) / sampleRate;
    raw.push({ time, rms: Math.sqrt(energy / windowLength), hz, clarity });
  }
  const loudest = Math.max(0, ...raw.map((frame) => frame.rms));
  const frames = raw.map(({ time, rms, hz, clarity }) => {
    const voiced =
      clarity >= MIN_CLARITY &&
      hz >= LOWEST_HZ &&
      hz <= HIGHEST_HZ &&
      rms >= MIN_RELATIVE_RMS * loudest;
    return { time, rms, hz: voiced ? hz : null };
  });
  return { hopSeconds: HOP_SECONDS, frames: removeOctaveJumps(frames) };
}

/**
 * MPM occasionally locks onto half or double the true pitch for a frame or two. A voice does not
 * jump an octave in 10 ms, so a frame near 2x or 0.5x the median of its voiced neighbours is
 * folded back to that octave.
 */
function removeOctaveJumps(frames: PitchFrame[]): PitchFrame[] {
  const NEIGHBOURS = 5;
  return frames.map((frame, index) => {
    if (frame.hz === null) return frame;
    const around = frames
      .slice(Math.max(0, index - NEIGHBOURS), index + NEIGHBOURS + 1)
      .flatMap((neighbour) => (neighbour.hz === null ? [] : [neighbour.hz]))
      .sort((a, b) => a - b);
    const median = around[Math.floor(around.length / 2)] ?? frame.hz;
    const ratio = frame.hz / median;
    if (ratio > 1.7 && ratio < 2.3) return { ...frame, hz: frame.hz / 2 };
    if (ratio > 0.43 && ratio < 0.59) return { ...frame, hz: frame.hz * 2 };
    return frame;
  });
}
