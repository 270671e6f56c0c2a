import type { PitchFrame } from './pitch-track';

/** Frames [start, end) of one syllable's voiced nucleus. */
export type Segment = { start: number; end: number };

// A stop closure (b, d, g) can be as short as 20 ms inside a word; shorter gaps are MPM dropouts.
const BRIDGED_GAP_FRAMES = 2;
// Voiced stretches under 40 ms are clicks, breath or noise, not syllables.
const MIN_RUN_FRAMES = 4;
// A split point keeps this many frames of its run on either side.
const MIN_PIECE_FRAMES = 4;

/** Runs of voiced frames, bridging MPM's one- or two-frame dropouts. */
function voicedRuns(frames: PitchFrame[]): Segment[] {
  const runs: Segment[] = [];
  frames.forEach((frame, index) => {
    if (frame.hz === null) return;
    const last = runs.at(-1);
    if (last && index - last.end <= BRIDGED_GAP_FRAMES) last.end = index + 1;
    else runs.push({ start: index, end: index + 1 });
  });
  return runs.filter((run) => run.end - run.start >= MIN_RUN_FRAMES);
}

/** Merges the two neighbouring runs with the shortest gap, until there are `count` left. */
function mergeClosest(runs: Segment[], count: number): Segment[] {
  const merged = runs.map((run) => ({ ...run }));
  while (merged.length > count) {
    let best = 0;
    for (let index = 1; index < merged.length - 1; index++) {
      const gap = (at: number) => (merged[at + 1]?.start ?? 0) - (merged[at]?.end ?? 0);
      if (gap(index) < gap(best)) best = index;
    }
    const [left, right] = merged.splice(best, 2) as [Segment, Segment];
    merged.splice(best, 0, { start: left.start, end: right.end });
  }
  return merged;
}

/** How many syllables each run holds: at least one, the rest by duration. */
function syllablesPerRun(runs: Segment[], count: number): number[] {
  const shares = runs.map(() => 1);
  const framesPerSyllable = (index: number) => {
    const run = runs[index];
    return run ? (run.end - run.start) / (shares[index] ?? 1) : 0;
  };
  for (let extra = count - runs.length; extra > 0; extra--) {
    let longest = 0;
    for (let index = 1; index < runs.length; index++) {
      if (framesPerSyllable(index) > framesPerSyllable(longest)) longest = index;
    }
    shares[longest] = (shares[longest] ?? 1) + 1;
  }
  return shares;
}

// The consonant between two syllables split at a loudness dip (m, n, l) is voiced, but its pitch
// is the glide from one tone to the next, not either tone. It spans the dip's width at half its
// depth (the way a peak's width is measured at half its height), and belongs to neither syllable.
const CONSONANT_DEPTH_SHARE = 0.5;

type Dip = { index: number; depth: number; floor: number; shoulder: number };

/**
 * Splits one voiced run into `pieces` syllables at its deepest loudness dips (the consonant
 * between two vowels: the n of 你呢, the l of 老, the m of 妈妈), leaving the consonant out of
 * both; evenly where it has no dips.
 */
function splitRun(run: Segment, pieces: number, frames: PitchFrame[]): Segment[] {
  if (pieces <= 1) return [run];
  const loudness = (index: number) => {
    let sum = 0;
    for (let offset = -1; offset <= 1; offset++) sum += frames[index + offset]?.rms ?? 0;
    return sum / 3;
  };
  const peakAround = (from: number, to: number) => {
    let peak = 0;
    for (let index = from; index < to; index++) peak = Math.max(peak, loudness(index));
    return peak;
  };
  const dips: Dip[] = [];
  for (let index = run.start + MIN_PIECE_FRAMES; index < run.end - MIN_PIECE_FRAMES; index++) {
    const here = loudness(index);
    if (here > loudness(index - 1) || here > loudness(index + 1)) continue;
    const shoulder = Math.min(
      peakAround(Math.max(run.start, index - 15), index),
      peakAround(index + 1, Math.min(run.end, index + 16)),
    );
    if (shoulder > 0) dips.push({ index, depth: here / shoulder, floor: here, shoulder });
  }
  dips.sort((a, b) => a.depth - b.depth);
  const cuts: Dip[] = [];
  for (const dip of dips) {
    if (cuts.length === pieces - 1) break;
    if (cuts.every((cut) => Math.abs(cut.index - dip.index) >= 2 * MIN_PIECE_FRAMES))
      cuts.push(dip);
  }
  const length = run.end - run.start;
  for (let piece = 1; cuts.length < pieces - 1; piece++) {
    const index = run.start + Math.round((piece * length) / pieces);
    cuts.push({ index, depth: 1, floor: 0, shoulder: 0 });
  }
  cuts.sort((a, b) => a.index - b.index);
  const bounds = [run.start, ...cuts.map((cut) => cut.index), run.end];
  // Trimming the consonant off a piece stops at its loudest frame, its vowel, so no piece is
  // left empty.
  const trim = (cut: Dip | undefined, from: number, step: -1 | 1, vowel: number) => {
    if (!cut) return from;
    const threshold = cut.floor + CONSONANT_DEPTH_SHARE * (cut.shoulder - cut.floor);
    let edge = from;
    while (edge !== vowel && loudness(edge) < threshold) edge += step;
    return edge;
  };
  return bounds.slice(1).map((end, piece) => {
    const start = bounds[piece] ?? run.start;
    let vowel = start;
    for (let index = start; index < end; index++) {
      if (loudness(index) > loudness(vowel)) vowel = index;
    }
    return {
      start: trim(cuts[piece - 1], start, 1, vowel),
      end: trim(cuts[piece], end - 1, -1, vowel) + 1,
    };
  });
}

/**
 * Finds `count` syllables in a pitch track: voiced stretches separated by unvoiced consonants or
 * pauses, merged where there are too many and split at loudness dips where there are too few.
 * Returns fewer than `count` only when the recording has no voice at all.
 */
export function segmentSyllables(frames: PitchFrame[], count: number): Segment[] {
  const runs = voicedRuns(frames);
  if (runs.length === 0 || count <= 0) return [];
  if (runs.length >= count) return mergeClosest(runs, count);
  const shares = syllablesPerRun(runs, count);
  return runs.flatMap((run, index) => splitRun(run, shares[index] ?? 1, frames));
}
