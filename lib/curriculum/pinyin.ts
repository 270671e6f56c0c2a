import { clearCustomDict, convert, customPinyin, pinyin } from 'pinyin-pro';

// Readings are stored the way CC-CEDICT writes them: syllables separated by spaces, tones
// 1-4, 5 for the neutral tone, ü spelled out, and erhua as its own syllable "r5". pinyin-pro
// writes the neutral tone as 0, so the two conventions are bridged here and nowhere else.

/** "nu:3 er2" or "nv3 er2" → "nü3 er2". */
export function normalizeNumbered(numbered: string): string {
  return numbered.toLowerCase().replace(/u:|v/g, 'ü').replace(/\s+/g, ' ').trim();
}

/** "xie4 xie5" → "xiè xie"; "na3 r5" → "nǎr" (erhua joins the syllable before it). */
export function numberedToMarks(numbered: string): string {
  const syllables: string[] = [];
  for (const syllable of normalizeNumbered(numbered).split(' ')) {
    if (syllable === 'r5' && syllables.length) {
      syllables.push(`${syllables.pop()}r`);
      continue;
    }
    const pinyinProSyllable = syllable.replace(/5$/, '0');
    syllables.push(convert(pinyinProSyllable, { format: 'numToSymbol' }));
  }
  return syllables.join(' ');
}

/**
 * pinyin-pro's reading of `hanzi` in CC-CEDICT's numbered style, without tone sandhi (the
 * dictionary's citation tones), punctuation left out.
 */
export function pinyinProNumbered(hanzi: string): string {
  return pinyin(hanzi, { toneType: 'num', toneSandhi: false, nonZh: 'removed', type: 'array' })
    .filter((syllable) => /[a-zü]/.test(syllable))
    .map((syllable) =>
      syllable
        .replace(/0$/, '5')
        // A custom erhua reading comes back as one syllable ("dianr3"); split it CEDICT-style.
        .replace(/^([a-zü]*[a-df-zü])r([1-5])$/, '$1$2 r5'),
    )
    .join(' ');
}

/**
 * Reads sentences with pinyin-pro, taught the curriculum's own word readings first (pinyin-pro
 * alone gives 谢谢 as "xiè xiè" and 东西 as "dōng xī"), so that a sentence reads its words the
 * way the word list does. The custom readings are removed again afterwards.
 */
export function withWordReadings<T>(
  readings: Record<string, string>,
  read: (readSentence: (hanzi: string) => string) => T,
): T {
  customPinyin(
    Object.fromEntries(
      Object.entries(readings).map(([hanzi, numbered]) => [hanzi, numberedToMarks(numbered)]),
    ),
  );
  try {
    return read(pinyinProNumbered);
  } finally {
    clearCustomDict('pinyin');
  }
}
