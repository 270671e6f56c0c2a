import { buildCurriculum } from '@/lib/curriculum/build';
import { expectedTones, type ExpectedSyllable, type Tone } from '@/lib/speak/expected-tones';
import { scorePitchTrack } from '@/lib/speak/score-phrase';
import { trackPitch } from '@/lib/speak/pitch-track';
import { espeakSaidTones, renderWithEspeak } from './espeak-render';

/** How often the scorer named the tone that was meant, and what it heard instead. */
export type ToneTally = {
  right: number;
  total: number;
  /** `${meant}>${heard}` (heard '-' for no voice) to a count. */
  confusion: Map<string, number>;
};

export type Hsk1Measurement = {
  phrases: number;
  /** Against the tones the offline voice says (its own phonemes), on the phrases it says in Mandarin. */
  asSaid: ToneTally & { phrases: number };
  /** The same, split by lesson number, odd and even: a check that no half carries the other. */
  asSaidOddLessons: ToneTally;
  asSaidEvenLessons: ToneTally;
  /** Against the dictionary's tones after sandhi, on every phrase. */
  asWritten: ToneTally;
  /** Phrases with a tone 2, 3 or 4 said as written: the correct and the one-note rendering's scores. */
  monotone: { hanzi: string; correct: number; monotone: number }[];
};

const tally = (): ToneTally => ({ right: 0, total: 0, confusion: new Map() });

function count(into: ToneTally, result: ReturnType<typeof scorePitchTrack>) {
  for (const syllable of result.syllables) {
    const key = `${syllable.expected}>${syllable.heard ?? '-'}`;
    into.confusion.set(key, (into.confusion.get(key) ?? 0) + 1);
    into.total++;
    if (syllable.correct) into.right++;
  }
}

const hasContour = (tones: Tone[]) => tones.some((tone) => tone !== 1 && tone !== 5);

/**
 * Renders every HSK 1 phrase with the offline voice, normally and on one note (espeak-ng -P 0),
 * and scores both (bench/speak/tone-accuracy.ts prints it; test/speak/espeak-phrases.test.ts holds
 * it to the README's bounds).
 */
export async function measureHsk1(): Promise<Hsk1Measurement> {
  const lessons = (await buildCurriculum()).filter((lesson) => lesson.hskLevel === 1);
  const measured: Hsk1Measurement = {
    phrases: 0,
    asSaid: { ...tally(), phrases: 0 },
    asSaidOddLessons: tally(),
    asSaidEvenLessons: tally(),
    asWritten: tally(),
    monotone: [],
  };
  for (const [index, lesson] of lessons.entries()) {
    for (const phrase of lesson.phrases) {
      measured.phrases++;
      const written = expectedTones(phrase.hanzi, phrase.pinyinNumbered);
      const track = trackPitch(await renderWithEspeak(phrase.hanzi));
      count(measured.asWritten, scorePitchTrack(track, written));
      const said = await espeakSaidTones(phrase.hanzi, written.length);
      if (!said) continue;
      const asSaid: ExpectedSyllable[] = written.map((syllable, at) => ({
        ...syllable,
        tone: said[at] ?? syllable.tone,
      }));
      const result = scorePitchTrack(track, asSaid);
      measured.asSaid.phrases++;
      count(measured.asSaid, result);
      count(index % 2 === 0 ? measured.asSaidOddLessons : measured.asSaidEvenLessons, result);
      if (hasContour(said)) {
        const flat = await renderWithEspeak(phrase.hanzi, { monotone: true });
        measured.monotone.push({
          hanzi: phrase.hanzi,
          correct: result.score,
          monotone: scorePitchTrack(trackPitch(flat), asSaid).score,
        });
      }
    }
  }
  return measured;
}
