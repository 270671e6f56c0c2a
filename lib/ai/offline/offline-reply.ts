import { pinyin } from 'pinyin-pro';
import type { TutorLesson, TutorPhrase } from '../provider';
import { grammarCorrections } from './grammar-checks';
import {
  markedSyllable,
  numberedSyllables,
  parseNumberedPinyin,
  type Syllable,
} from './pinyin-syllables';
import {
  hanziOnly,
  recognisePhrases,
  samePhrase,
  type RecognisedPhrase,
} from './recognise-phrases';
import { lessonWordsIn } from './lesson-words';
import { spokenTones } from './spoken-tones';

export const OFFLINE_NOTICE =
  "(Offline tutor: no AI model is connected, so I answer from Tingshuo's lesson material only.)";

const TONE_NAMES: Record<Syllable['tone'], string> = {
  1: '1st tone, high and level',
  2: '2nd tone, rising',
  3: '3rd tone, low and dipping',
  4: '4th tone, sharply falling',
  5: 'neutral tone, light and short',
};

/**
 * The offline tutor's whole answer to one learner message: what each recognised phrase means,
 * how its tones go, an example sentence, a gentle tone correction, and something to practise.
 */
export function composeOfflineReply(
  message: string,
  lesson: TutorLesson | undefined,
  curriculum: TutorPhrase[],
): string {
  // Lesson phrases first: when the same word is in several lessons, the current one explains it.
  const lessonPhrases = lesson?.phrases ?? [];
  const phrases = [
    ...lessonPhrases,
    ...curriculum.filter((phrase) => !lessonPhrases.some((own) => samePhrase(own, phrase))),
  ];
  const recognised = recognisePhrases(message, phrases);
  const sections = [OFFLINE_NOTICE];
  for (const { original, corrected, why } of grammarCorrections(message)) {
    sections.push(
      `A grammar correction: ${original} → ${corrected} (${sentencePinyin(corrected)})\nWhy: ${why}`,
    );
  }
  // Each sentence appears once: as an example, or as a phrase of its own, never both.
  const shown = new Set<string>();
  for (const item of recognised) {
    if (shown.has(item.phrase.hanzi)) continue;
    sections.push(explain(item, lesson, phrases, shown));
    shown.add(item.phrase.hanzi);
  }
  const { others, unknown } = lessonWordsIn(message, phrases, recognised);
  if (others.length > 0) {
    sections.push(
      `Also from the lessons: ${others
        .map((word) => `${word.hanzi} (${spokenTones(word).pinyin}) "${word.english}"`)
        .join('; ')}.`,
    );
  }
  if (unknown.length > 0) {
    sections.push(
      `These characters are not in the lessons yet: ${unknown
        .map((character) => `${character} (${pinyin(character)})`)
        .join(', ')}.`,
    );
  }
  if (recognised.length === 0) sections.push(notRecognised(lesson, curriculum));
  else sections.push(nextSuggestion(recognised, lesson));
  return sections.join('\n\n');
}

/**
 * A corrected sentence's pinyin as spoken (pinyin-pro applies 一/不 sandhi). Right after another
 * character 得 is the particle de: pinyin-pro, without the verb in its word list, reads dé.
 */
function sentencePinyin(hanzi: string): string {
  return pinyin(hanzi, { type: 'all', toneSandhi: true })
    .filter((character) => character.isZh)
    .map((character, index) => (character.origin === '得' && index > 0 ? 'de' : character.pinyin))
    .join(' ');
}

function explain(
  { phrase, written, from }: RecognisedPhrase,
  lesson: TutorLesson | undefined,
  phrases: TutorPhrase[],
  shownExamples: Set<string>,
): string {
  const syllables = parseNumberedPinyin(phrase.pinyinNumbered);
  const spoken = spokenTones(phrase);
  const meaning = from ? wordsWithin(phrase, phrases) : `"${phrase.english}"`;
  const lines = [
    meaning
      ? `${phrase.hanzi} — ${spoken.pinyin} — ${meaning}`
      : `${phrase.hanzi} — ${spoken.pinyin}`,
    `Tones: ${syllables.map((syllable, index) => toneName(syllable, spoken.tones[index])).join(', ')}`,
  ];
  const note =
    written &&
    (toneCorrection(written, syllables, spoken.tones) ?? missingTones(written, syllables));
  if (note) lines.push(note);
  const example =
    from && !shownExamples.has(from.hanzi)
      ? from
      : exampleSentence(phrase, lesson, phrases, shownExamples);
  if (example) {
    shownExamples.add(example.hanzi);
    lines.push(`Example: ${example.hanzi} (${spokenTones(example).pinyin}) — "${example.english}"`);
  }
  lines.push(
    example
      ? `Practice: say ${phrase.hanzi} aloud three times, then read the example and make your own sentence with ${phrase.hanzi}.`
      : `Practice: say ${phrase.hanzi} aloud three times, then write it in hanzi without looking.`,
  );
  return lines.join('\n');
}

/**
 * What a run cut out of a sentence is made of, from the curriculum's words (longest first),
 * e.g. 你 "you" + 好 "good; well"; empty when none of its words is a lesson word.
 */
function wordsWithin(run: TutorPhrase, phrases: TutorPhrase[]): string {
  const words = phrases.filter((phrase) => phrase.kind === 'WORD' && hanziOnly(phrase.hanzi));
  const parts: string[] = [];
  const characters = Array.from(run.hanzi);
  let at = 0;
  while (at < characters.length) {
    const rest = characters.slice(at).join('');
    const word = words
      .filter((candidate) => rest.startsWith(hanziOnly(candidate.hanzi)))
      .sort((a, b) => hanziOnly(b.hanzi).length - hanziOnly(a.hanzi).length)[0];
    if (word) parts.push(`${word.hanzi} "${word.english}"`);
    at += word ? Array.from(hanziOnly(word.hanzi)).length : 1;
  }
  return parts.join(' + ');
}

/** Pinyin written without any tone: say what the tones are, since they carry the meaning. */
function missingTones(
  written: NonNullable<RecognisedPhrase['written']>,
  syllables: readonly Syllable[],
): string | undefined {
  if (written.tones.some((tone) => tone !== undefined)) return undefined;
  return `You wrote "${written.text}" without tones; with tones it is ${syllables.map(markedSyllable).join(' ')} (${numberedSyllables(syllables)}).`;
}

/** "bù (4th tone…)", or for 一/不 before a tone that changes them, how it is said and why. */
function toneName(syllable: Syllable, spokenTone: Syllable['tone'] | undefined): string {
  if (spokenTone === undefined) return `${markedSyllable(syllable)} (${TONE_NAMES[syllable.tone]})`;
  const said = markedSyllable({ ...syllable, tone: spokenTone });
  return `${said} (said as a ${TONE_NAMES[spokenTone]} here; the dictionary writes ${markedSyllable(syllable)})`;
}

/** A written tone is right if it is the dictionary's or the one 一/不 sandhi gives it here. */
function toneCorrection(
  written: NonNullable<RecognisedPhrase['written']>,
  syllables: readonly Syllable[],
  spoken: readonly (Syllable['tone'] | undefined)[],
): string | undefined {
  const wrong = syllables.some((syllable, index) => {
    const tone = written.tones[index];
    return tone !== undefined && tone !== syllable.tone && tone !== spoken[index];
  });
  if (!wrong) return undefined;
  const expected = `${numberedSyllables(syllables)} (${syllables.map(markedSyllable).join(' ')})`;
  const sandhi = syllables.some(
    (syllable, index) =>
      syllable.tone === 3 && syllables[index + 1]?.tone === 3 && written.tones[index] === 2,
  )
    ? ' You are right that it sounds that way: before another 3rd tone, a 3rd tone is spoken as a 2nd tone, but it is still written as a 3rd tone.'
    : '';
  return `A small correction: you wrote "${written.text}", but the tones are ${expected}.${sandhi}`;
}

function exampleSentence(
  phrase: TutorPhrase,
  lesson: TutorLesson | undefined,
  phrases: TutorPhrase[],
  shownExamples: Set<string>,
): TutorPhrase | undefined {
  const hanzi = hanziOnly(phrase.hanzi);
  const sentences = phrases.filter(
    (candidate) =>
      candidate.kind === 'SENTENCE' &&
      !samePhrase(candidate, phrase) &&
      !shownExamples.has(candidate.hanzi),
  );
  // An example must show the word itself: a lesson sentence without it teaches nothing about it.
  const withWord = sentences.filter((sentence) => hanziOnly(sentence.hanzi).includes(hanzi));
  return (
    withWord.find((sentence) => lesson?.phrases.some((own) => samePhrase(own, sentence))) ??
    withWord[0]
  );
}

function nextSuggestion(recognised: RecognisedPhrase[], lesson: TutorLesson | undefined): string {
  const seen = new Set(recognised.map(({ phrase }) => phrase.hanzi));
  const last = recognised.at(-1)?.phrase;
  const lessonPhrases = lesson?.phrases ?? [];
  const after = last ? lessonPhrases.findIndex((phrase) => samePhrase(phrase, last)) : -1;
  const next = [...lessonPhrases.slice(after + 1), ...lessonPhrases.slice(0, after + 1)].find(
    (phrase) => !seen.has(phrase.hanzi),
  );
  return next
    ? `Next, try saying: ${next.hanzi} (${spokenTones(next).pinyin}) — "${next.english}"`
    : 'Next, try writing a whole sentence with these words, in hanzi or pinyin.';
}

function notRecognised(lesson: TutorLesson | undefined, curriculum: TutorPhrase[]): string {
  const source = lesson?.phrases.length ? lesson.phrases : curriculum;
  const words = source.filter((phrase) => phrase.kind === 'WORD').slice(0, 5);
  const list = words.map(
    (phrase) => `${phrase.hanzi} (${spokenTones(phrase).pinyin}) "${phrase.english}"`,
  );
  return [
    'I could not find a word from the lessons in your message.',
    list.length > 0
      ? `Try one of these, in hanzi, pinyin or English: ${list.join('; ')}.`
      : 'Try a word from one of the lessons, in hanzi, pinyin or English.',
  ].join(' ');
}
