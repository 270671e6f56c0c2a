/**
 * Tone sandhi of 一 and 不, the two tone changes that pinyin conventionally writes (and that the
 * offline voice speaks): the dictionary stores citation tones, learners hear the spoken ones.
 * Works on the curriculum's own syllables, so it needs no dictionary in the browser; the unit
 * test checks it against pinyin-pro's `toneSandhi` on every phrase of the curriculum.
 */

export type Tone = 1 | 2 | 3 | 4 | 5;

export interface SandhiInput {
  text: string;
  tone: Tone | null;
}

/** Characters after or before which 一 is a number and keeps its first tone (第一, 十一, 一月). */
const NUMBER_NEIGHBOURS = new Set([...'第零一二三四五六七八九十百千万两月号日']);

const SPOKEN_PINYIN: Record<string, Partial<Record<Tone, string>>> = {
  一: { 2: 'yí', 4: 'yì' },
  不: { 2: 'bú' },
};

/** The tone 一 or 不 at `index` is spoken with, or null when it keeps its citation tone. */
export function spokenTone(syllables: readonly SandhiInput[], index: number): Tone | null {
  const { text, tone } = syllables[index] ?? { text: '', tone: null };
  const next = syllables[index + 1];
  const previous = syllables[index - 1];
  if (!next || next.tone === null) return null;
  if (text === '不' && tone === 4) return next.tone === 4 ? 2 : null;
  if (text !== '一' || tone !== 1) return null;
  if (NUMBER_NEIGHBOURS.has(next.text) || (previous && NUMBER_NEIGHBOURS.has(previous.text))) {
    return null;
  }
  // 个 is read ge5 in the word list but keeps its fourth tone's effect: 一个 is yí ge.
  if (next.tone === 4 || next.text === '个') return 2;
  return next.tone === 5 ? null : 4;
}

/** The marked syllable for a spoken tone of 一 or 不 ("yí"). */
export function spokenPinyin(text: string, tone: Tone): string | null {
  return SPOKEN_PINYIN[text]?.[tone] ?? null;
}

/** Indices where two third tones meet: the first of each pair is said rising (你好: ní hǎo). */
export function thirdTonePairs(syllables: readonly SandhiInput[]): number[] {
  const starts: number[] = [];
  syllables.forEach((syllable, index) => {
    if (syllable.tone === 3 && syllables[index + 1]?.tone === 3) starts.push(index);
  });
  return starts;
}

const RISING: Record<string, string> = { ǎ: 'á', ě: 'é', ǐ: 'í', ǒ: 'ó', ǔ: 'ú', ǚ: 'ǘ' };

/** "nǐ" → "ní": a third-tone syllable as it is said before another third tone. */
export function risingThird(pinyin: string | null): string {
  return (pinyin ?? '').replace(/[ǎěǐǒǔǚ]/u, (vowel) => RISING[vowel] ?? vowel);
}
