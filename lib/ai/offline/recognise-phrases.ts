import type { TutorPhrase } from '../provider';
import { sentenceChunks, type SentenceChunk } from './sentence-chunks';
import {
  parseNumberedPinyin,
  pinyinSearchText,
  syllablesPattern,
  writtenTone,
  type Syllable,
} from './pinyin-syllables';

/** A curriculum phrase found in the learner's message, and how the learner wrote it. */
export interface RecognisedPhrase {
  phrase: TutorPhrase;
  via: 'hanzi' | 'pinyin' | 'english';
  /** Where in the message it was found, so replies follow the learner's word order. */
  at: number;
  /** For pinyin: what the learner typed, and the tone they wrote on each syllable (if any). */
  written?: { text: string; tones: (Syllable['tone'] | undefined)[] };
  /** Set when the phrase is a run cut out of this lesson sentence rather than a phrase itself. */
  from?: TutorPhrase;
}

const MAX_RECOGNISED = 3;

const HAN = /\p{Script=Han}/gu;

/** Words that say nothing about which phrase the learner means. */
const STOPWORDS = new Set(
  (
    'a an the to is are am be of in on at for and or i you he she it we they my your me do does ' +
    'did how what which say said says word words mean means meaning chinese mandarin please ' +
    'can could would should tell teach write this that with'
  ).split(' '),
);

export function hanziOnly(text: string): string {
  return (text.match(HAN) ?? []).join('');
}

/** The same phrase can come from the lesson and from the whole curriculum. */
export function samePhrase(a: TutorPhrase, b: TutorPhrase): boolean {
  return a.hanzi === b.hanzi && a.pinyinNumbered === b.pinyinNumbered;
}

/**
 * Finds curriculum phrases in a message written in hanzi, pinyin (any tone notation or none) or
 * English. Longer matches win over the shorter phrases they contain, so "你好吗" is not also
 * reported as "你" and "好", and a word the lessons only use inside sentences (你好 in
 * 你好！我是小王。) is found as that word; for English, words win over example sentences that
 * merely translate to the same word.
 */
export function recognisePhrases(message: string, phrases: TutorPhrase[]): RecognisedPhrase[] {
  const chunks = sentenceChunks(phrases);
  const found = [
    ...byHanzi(message, phrases, chunks),
    ...byPinyin(message, phrases, chunks),
    ...byEnglish(message, phrases),
  ];
  const kept: RecognisedPhrase[] = [];
  for (const candidate of found.sort((a, b) => weight(b) - weight(a))) {
    const covered = kept.some(
      (chosen) =>
        samePhrase(chosen.phrase, candidate.phrase) ||
        hanziOnly(chosen.phrase.hanzi).includes(hanziOnly(candidate.phrase.hanzi)),
    );
    if (!covered) kept.push(candidate);
    if (kept.length === MAX_RECOGNISED) break;
  }
  return kept.sort((a, b) => a.at - b.at);
}

function weight({ phrase, via, from }: RecognisedPhrase): number {
  if (via === 'english' && phrase.kind === 'SENTENCE') return 0.05;
  // A phrase of the lessons beats a run cut out of a sentence with the same length.
  const cut = from ? 0.01 : 0;
  return hanziOnly(phrase.hanzi).length + { hanzi: 0.3, pinyin: 0.2, english: 0.1 }[via] - cut;
}

/** The curriculum's phrases, then the sentence runs, each with the sentence it comes from. */
function searchable(phrases: TutorPhrase[], chunks: SentenceChunk[]) {
  return [
    ...phrases.map((phrase) => ({ phrase, from: undefined })),
    ...chunks.map(({ phrase, from }) => ({ phrase, from })),
  ];
}

function byHanzi(
  message: string,
  phrases: TutorPhrase[],
  chunks: SentenceChunk[],
): RecognisedPhrase[] {
  const written = hanziOnly(message);
  if (!written) return [];
  return searchable(phrases, chunks).flatMap(({ phrase, from }) => {
    const hanzi = hanziOnly(phrase.hanzi);
    const at = hanzi ? written.indexOf(hanzi) : -1;
    return at >= 0 ? [{ phrase, via: 'hanzi' as const, at, from }] : [];
  });
}

interface PinyinMatch extends RecognisedPhrase {
  written: NonNullable<RecognisedPhrase['written']>;
  end: number;
  syllables: number;
  /** Syllables whose written tone differs from the phrase's. */
  mismatches: number;
}

function byPinyin(
  message: string,
  phrases: TutorPhrase[],
  chunks: SentenceChunk[],
): RecognisedPhrase[] {
  const text = pinyinSearchText(message);
  if (!/[a-z]/.test(text)) return [];
  const letters = (part: string) => part.replace(/[^a-z0-9\u0300-\u036f]/g, '');
  const wholeMessage = letters(text);
  const plainLetters = text.replace(/[^a-z]/g, '');
  const found = searchable(phrases, chunks).flatMap(({ phrase, from }): PinyinMatch[] => {
    const syllables = parseNumberedPinyin(phrase.pinyinNumbered);
    if (syllables.length === 0 || !mayContain(plainLetters, syllables)) return [];
    // Runs cut out of sentences need a written tone or the whole message, like lone syllables.
    const needsTone = syllables.length === 1 || from !== undefined;
    return [...text.matchAll(syllablesPattern(syllables, 'g'))].flatMap((match) => {
      const tones = match.slice(1).map((syllable) => writtenTone(syllable ?? ''));
      // A lone toneless syllable ("he", "ma") is too often an English word to trust.
      const trustworthy =
        !needsTone ||
        tones.some((tone) => tone !== undefined) ||
        letters(match[0]) === wholeMessage;
      if (!trustworthy) return [];
      const mismatches = syllables.filter((syllable, index) => {
        const tone = tones[index];
        return tone !== undefined && tone !== syllable.tone;
      }).length;
      return [
        {
          phrase,
          via: 'pinyin' as const,
          at: match.index,
          end: match.index + match[0].length,
          written: { text: match[0].normalize('NFC'), tones },
          syllables: syllables.length,
          mismatches,
          from,
        },
      ];
    });
  });
  return choosePinyinMatches(found).map(({ phrase, via, at, written, from }) => ({
    phrase,
    via,
    at,
    written,
    ...(from && { from }),
  }));
}

/**
 * A cheap test before building a phrase's pattern (there are thousands of sentence runs): every
 * syllable's letters must occur in the message's letters, ü as u or v.
 */
function mayContain(plainLetters: string, syllables: readonly Syllable[]): boolean {
  return syllables.every(
    ({ letters }) =>
      plainLetters.includes(letters.replace(/ü/g, 'u')) ||
      plainLetters.includes(letters.replace(/ü/g, 'v')),
  );
}

/**
 * Each stretch of the learner's pinyin is read once: the longest match wins (谢谢 for
 * "xie4 xie5", so its syllables are not read again as 些 or 写), then the one whose tones agree
 * with what was written (hao3 is 好, not 号). Homophones stay side by side only when they agree
 * equally well with no tone mistake ("hao" may be 好 or 号); when every reading needs a tone
 * correction, only the first (the current lesson's, else the easiest) is offered.
 */
function choosePinyinMatches(found: PinyinMatch[]): PinyinMatch[] {
  const ranked = found
    .map((match, order) => ({ match, order }))
    .sort(
      (a, b) =>
        b.match.syllables - a.match.syllables ||
        a.match.mismatches - b.match.mismatches ||
        Number(a.match.from !== undefined) - Number(b.match.from !== undefined) ||
        a.order - b.order,
    )
    .map(({ match }) => match);
  const kept: PinyinMatch[] = [];
  for (const candidate of ranked) {
    const overlapping = kept.filter(
      (chosen) => chosen.at < candidate.end && candidate.at < chosen.end,
    );
    const equallyRight =
      candidate.mismatches === 0 &&
      overlapping.every(
        (chosen) =>
          chosen.at === candidate.at && chosen.end === candidate.end && chosen.mismatches === 0,
      );
    if (overlapping.length === 0 || equallyRight) kept.push(candidate);
  }
  return kept;
}

function byEnglish(message: string, phrases: TutorPhrase[]): RecognisedPhrase[] {
  const lower = message.toLowerCase();
  const words = englishWords(lower);
  if (words.length === 0) return [];
  const asked = words.filter((word) => !STOPWORDS.has(word));
  const at = (word: string | undefined) => lower.indexOf(word ?? '');
  const wordMatches = phrases.flatMap((phrase) => {
    if (phrase.kind !== 'WORD') return [];
    const gloss = glosses(phrase)
      .map(contentWords)
      .find((content) => content.length > 0 && content.every((word) => words.includes(word)));
    return gloss ? [{ phrase, via: 'english' as const, at: at(gloss[0]) }] : [];
  });
  // A short question ("hello") also finds the first example sentence that translates it.
  const sentence =
    asked.length > 0 && asked.length <= 3
      ? phrases.find((phrase) => {
          const translation = contentWords(phrase.english);
          return phrase.kind === 'SENTENCE' && asked.every((word) => translation.includes(word));
        })
      : undefined;
  return sentence
    ? [...wordMatches, { phrase: sentence, via: 'english' as const, at: at(asked[0]) }]
    : wordMatches;
}

function contentWords(text: string): string[] {
  return englishWords(text.replace(/\(.*?\)/g, '')).filter((word) => !STOPWORDS.has(word));
}

/**
 * A word's alternative meanings ("good; well"), and what its brackets say it is: "dish (type of
 * food)" is also found as "food".
 */
function glosses(phrase: TutorPhrase): string[] {
  const bracketed = [...phrase.english.matchAll(/\(([^)]*)\)/g)].map(([, inner]) =>
    (inner ?? '').replace(/^(?:a |the )?(?:type|kind|sort) of /, ''),
  );
  return [...phrase.english.split(/[;/,]| or /), ...bracketed];
}

function englishWords(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? [];
}
