import { classifyTone, fivePointShape } from './classify-tone';
import type { ExpectedSyllable, Tone } from './expected-tones';
import { trackPitch, type PitchTrack } from './pitch-track';
import { levelInRange, speakerRange, type SpeakerRange } from './speaker-range';
import { segmentSyllables } from './syllable-segments';
import { syllableStress } from './syllable-stress';
import { toneTip } from './tone-tips';
import type { Recording } from './wav';

export type SyllableVerdict = {
  syllable: string;
  expected: Tone;
  /** The tone the scorer heard; null when this syllable had no voice to judge. */
  heard: Tone | null;
  correct: boolean;
  /** The learner's pitch levels across the syllable (0 bottom, 1 top of their range), 5 points. */
  contour: number[];
  startSeconds: number;
  endSeconds: number;
};

export type PhraseScore = {
  /** 0-100: the share of syllables said with the right tone. */
  score: number;
  syllables: SyllableVerdict[];
  /** One tip per wrong syllable, in order. */
  tips: string[];
  /** False when the recording held no voice at all (silence, or the microphone was muted). */
  heardVoice: boolean;
};

function levelsOf(track: PitchTrack, start: number, end: number, range: SpeakerRange): number[] {
  return track.frames
    .slice(start, end)
    .flatMap((frame) => (frame.hz === null ? [] : [levelInRange(frame.hz, range)]));
}

/** Scores a recording of a phrase against the tones it should be said with. */
export function scorePhrase(recording: Recording, expected: ExpectedSyllable[]): PhraseScore {
  return scorePitchTrack(trackPitch(recording), expected);
}

/** Scores a phrase's pitch track (see scorePhrase). */
export function scorePitchTrack(track: PitchTrack, expected: ExpectedSyllable[]): PhraseScore {
  const voiced = track.frames.flatMap((frame) => (frame.hz === null ? [] : [frame.hz]));
  const segments = voiced.length ? segmentSyllables(track.frames, expected.length) : [];
  const range = speakerRange(voiced);
  const stress = syllableStress(track.frames, segments);
  const timeOf = (frame: number) => track.frames[frame]?.time ?? 0;

  const syllables = expected.map((want, index): SyllableVerdict => {
    const segment = segments[index];
    const levels = segment ? levelsOf(track, segment.start, segment.end, range) : [];
    const base = {
      syllable: want.syllable,
      expected: want.tone,
      startSeconds: segment ? timeOf(segment.start) : 0,
      endSeconds: segment ? timeOf(segment.end - 1) : 0,
    };
    if (levels.length === 0) return { ...base, heard: null, correct: false, contour: [] };
    const inPhrase = expected.length > 1;
    const heard = classifyTone(levels, {
      stress: inPhrase ? stress[index] : undefined,
      judgeHeight: inPhrase && !range.widened,
    });
    // A neutral-tone word said alone (吗, 的) has no tone before it to take its pitch from, so
    // any short syllable is a fair rendering of it.
    const correct = heard === want.tone || (want.tone === 5 && !inPhrase);
    return { ...base, heard, correct, contour: fivePointShape(levels) };
  });

  const right = syllables.filter((syllable) => syllable.correct).length;
  return {
    score: expected.length ? Math.round((100 * right) / expected.length) : 0,
    syllables,
    tips: syllables.flatMap((syllable, index) =>
      syllable.correct
        ? []
        : [toneTip(index + 1, syllable.syllable, syllable.heard, syllable.expected)],
    ),
    heardVoice: voiced.length > 0,
  };
}
