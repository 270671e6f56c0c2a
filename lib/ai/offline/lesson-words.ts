import type { TutorPhrase } from '../provider';
import { hanziOnly, type RecognisedPhrase } from './recognise-phrases';

/**
 * The learner's hanzi read as the curriculum's words, longest word first: the words the reply
 * did not explain in full (it explains a few), and the characters no lesson teaches at all. A
 * character is only "not in the lessons" when no lesson word contains it.
 */
export function lessonWordsIn(
  message: string,
  phrases: TutorPhrase[],
  recognised: RecognisedPhrase[],
): { others: TutorPhrase[]; unknown: string[] } {
  const words = phrases
    .filter((phrase) => phrase.kind === 'WORD' && hanziOnly(phrase.hanzi))
    .sort((a, b) => hanziOnly(b.hanzi).length - hanziOnly(a.hanzi).length);
  const explained = new Set(recognised.map(({ phrase }) => hanziOnly(phrase.hanzi)));
  const covered = [...explained].join('');
  const others: TutorPhrase[] = [];
  const unknown: string[] = [];
  const characters = Array.from(hanziOnly(message));
  let at = 0;
  while (at < characters.length) {
    const rest = characters.slice(at).join('');
    const word = words.find((candidate) => rest.startsWith(hanziOnly(candidate.hanzi)));
    if (word) {
      const hanzi = hanziOnly(word.hanzi);
      if (!covered.includes(hanzi) && !others.some((other) => other.hanzi === word.hanzi)) {
        others.push(word);
      }
      at += Array.from(hanzi).length;
      continue;
    }
    const character = characters[at]!;
    const taught = phrases.some((phrase) => phrase.hanzi.includes(character));
    if (!taught && !unknown.includes(character)) unknown.push(character);
    at += 1;
  }
  return { others, unknown };
}
