import { LRUCache } from 'lru-cache';
import type { TutorPhrase } from '../provider';
import { markedSyllable, numberedSyllables, parseNumberedPinyin } from './pinyin-syllables';

/** A run of two or more syllables inside one clause of a lesson sentence, e.g. 你好 in 你好！我是小王。 */
export interface SentenceChunk {
  phrase: TutorPhrase;
  /** The sentence it was cut from: its example, and its context. */
  from: TutorPhrase;
}

const HAN = /\p{Script=Han}/u;

/**
 * Every multi-syllable run inside a clause of the curriculum's sentences, so a learner who types
 * a word the lessons only use in sentences ("ni3 hao3") gets that word, not its characters one by
 * one. Runs never cross punctuation, and runs that are already a phrase of their own are left
 * out. Sentences whose characters and syllables do not line up one to one are skipped.
 */
export function sentenceChunks(phrases: TutorPhrase[]): SentenceChunk[] {
  const known = new Set(phrases.map((phrase) => phrase.hanzi.replace(/[^\p{Script=Han}]/gu, '')));
  const chunks = new Map<string, SentenceChunk>();
  for (const sentence of phrases) {
    if (sentence.kind !== 'SENTENCE') continue;
    for (const chunk of runsOf(sentence)) {
      const key = `${chunk.phrase.hanzi} ${chunk.phrase.pinyinNumbered}`;
      if (!known.has(chunk.phrase.hanzi) && !chunks.has(key)) chunks.set(key, chunk);
    }
  }
  return [...chunks.values()];
}

// The curriculum is read afresh for every message but rarely changes: cutting a sentence is
// remembered, keyed by its text.
const runsBySentence = new LRUCache<string, SentenceChunk[]>({ max: 5_000 });

function runsOf(sentence: TutorPhrase): SentenceChunk[] {
  const cacheKey = `${sentence.hanzi}\u0000${sentence.pinyinNumbered}\u0000${sentence.english}`;
  const remembered = runsBySentence.get(cacheKey);
  if (remembered) return remembered;
  const runs: SentenceChunk[] = [];
  const syllables = parseNumberedPinyin(sentence.pinyinNumbered);
  const characters = Array.from(sentence.hanzi).filter((character) => HAN.test(character));
  if (characters.length === syllables.length) {
    const marked = syllables.map(markedSyllable);
    const numbered = syllables.map((syllable) => numberedSyllables([syllable]));
    let offset = 0;
    for (const clause of sentence.hanzi.split(/[^\p{Script=Han}]+/u)) {
      const clauseCharacters = Array.from(clause);
      for (let start = 0; start < clauseCharacters.length; start += 1) {
        for (let end = start + 2; end <= clauseCharacters.length; end += 1) {
          runs.push({
            from: sentence,
            phrase: {
              hanzi: clauseCharacters.slice(start, end).join(''),
              pinyin: marked.slice(offset + start, offset + end).join(' '),
              pinyinNumbered: numbered.slice(offset + start, offset + end).join(' '),
              english: sentence.english,
              kind: 'WORD',
            },
          });
        }
      }
      offset += clauseCharacters.length;
    }
  }
  runsBySentence.set(cacheKey, runs);
  return runs;
}
