import { LRUCache } from 'lru-cache';
import { convert } from 'pinyin-pro';

/** One syllable of a phrase's numbered pinyin: letters without tone, and its tone (5 = neutral). */
export interface Syllable {
  letters: string;
  tone: 1 | 2 | 3 | 4 | 5;
}

const TONE_BY_MARK: Record<string, Syllable['tone']> = {
  '\u0304': 1,
  '\u0301': 2,
  '\u030c': 3,
  '\u0300': 4,
};
const TONE_MARKS = '\u0300\u0301\u0304\u030c';

// Phrases' pinyin is parsed for every message; the curriculum bounds how many distinct ones exist.
const parsed = new LRUCache<string, readonly Syllable[]>({ max: 20_000 });

/** "ni3 hao3" → ni/3, hao/3. Accepts ü written as ü, v or u:. The result is shared, hence readonly. */
export function parseNumberedPinyin(numbered: string): readonly Syllable[] {
  const remembered = parsed.get(numbered);
  if (remembered) return remembered;
  const syllables = numbered
    .toLowerCase()
    .replace(/u:|v/g, 'ü')
    .split(/[^a-zü0-9]+/u)
    .flatMap((token) => {
      const match = /^([a-zü]+)([0-5])?$/u.exec(token);
      if (!match?.[1]) return [];
      const tone = Number(match[2] ?? 5);
      return [{ letters: match[1], tone: (tone === 0 ? 5 : tone) as Syllable['tone'] }];
    });
  parsed.set(numbered, syllables);
  return syllables;
}

/** The syllable with its tone mark, e.g. hao/3 → hǎo. */
export function markedSyllable({ letters, tone }: Syllable): string {
  return tone === 5 ? letters : convert(`${letters}${tone}`, { format: 'numToSymbol' });
}

export function numberedSyllables(syllables: readonly Syllable[]): string {
  return syllables.map(({ letters, tone }) => `${letters}${tone}`).join(' ');
}

/**
 * A regular expression that finds these syllables in a learner's text written any way learners
 * write pinyin: "nǐ hǎo", "ni3 hao3", "ni hao", "nihao", "Ni3hao3". It runs on NFD-lowercased
 * text so that tone marks are separate combining characters; each syllable is one capture group.
 */
export function syllablesPattern(syllables: readonly Syllable[], flags = ''): RegExp {
  const parts = syllables.map(({ letters }) => {
    const body = Array.from(letters)
      .map((letter) => {
        if (letter === 'ü') return `(?:u\\u0308?|v|u:)[${TONE_MARKS}]?`;
        if ('aeiou'.includes(letter)) return `${letter}[${TONE_MARKS}]?`;
        return letter;
      })
      .join('');
    return `(${body}[0-5]?)`;
  });
  return new RegExp(
    `(?<![a-z\\u0300-\\u036f])${parts.join("[\\s'’-]*")}(?![a-z\\u0300-\\u036f0-9])`,
    `u${flags}`,
  );
}

/** NFD-lowercase, the form `syllablesPattern` expects. */
export function pinyinSearchText(text: string): string {
  return text.normalize('NFD').toLowerCase();
}

/** The tone a learner wrote on one matched syllable (mark or digit), or undefined if none. */
export function writtenTone(syllableText: string): Syllable['tone'] | undefined {
  const digit = /([0-5])$/.exec(syllableText)?.[1];
  if (digit) return Number(digit === '0' ? 5 : digit) as Syllable['tone'];
  for (const character of syllableText) {
    const tone = TONE_BY_MARK[character];
    if (tone) return tone;
  }
  return undefined;
}
