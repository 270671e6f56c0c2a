import { spokenPinyin, spokenTone, type Tone } from '@/lib/curriculum/pinyin-sandhi';

/** One written character with the syllable and tone it is read with, for tone colouring. */
export interface ToneSyllable {
  text: string;
  pinyin: string | null;
  tone: Tone | null;
  /** How 一 or 不 is said here when sandhi changes its dictionary tone (不是: bú). */
  spoken?: { pinyin: string; tone: Tone };
}

const HAN = /\p{Script=Han}/u;
const NUMBERED_SYLLABLE = /^[a-zü:v]+([1-5])$/i;

/**
 * Pairs each Han character with its syllable. Pinyin is stored per phrase, not per character,
 * so when the counts disagree (erhua, a stray Latin word) the text is returned uncoloured
 * rather than coloured wrongly.
 */
export function toneSyllables(
  hanzi: string,
  pinyin: string,
  pinyinNumbered: string,
): ToneSyllable[] {
  const characters = [...hanzi];
  const marked = syllables(pinyin, (token) => /\p{L}/u.test(token));
  const numbered = syllables(pinyinNumbered, (token) => NUMBERED_SYLLABLE.test(token));
  const hanCount = characters.filter((c) => HAN.test(c)).length;
  const aligned = hanCount === marked.length && hanCount === numbered.length;

  let index = 0;
  const paired = characters.map((text): ToneSyllable => {
    if (!aligned || !HAN.test(text)) return { text, pinyin: null, tone: null };
    const tone = Number(NUMBERED_SYLLABLE.exec(numbered[index] ?? '')?.[1]) as Tone;
    const syllable = { text, pinyin: marked[index] ?? null, tone };
    index += 1;
    return syllable;
  });
  return paired.map((syllable, position) => {
    const tone = spokenTone(paired, position);
    const spoken = tone && spokenPinyin(syllable.text, tone);
    return tone && spoken ? { ...syllable, spoken: { pinyin: spoken, tone } } : syllable;
  });
}

/** The pinyin as spoken (一/不 sandhi applied), syllables separated by spaces. */
export function spokenPinyinLine(syllables: readonly ToneSyllable[]): string {
  return syllables
    .filter((s) => s.pinyin !== null)
    .map((s) => s.spoken?.pinyin ?? s.pinyin)
    .join(' ');
}

function syllables(text: string, keep: (token: string) => boolean): string[] {
  return text
    .split(/[\s,.!?;:，。！？；：、“”"'()（）]+/u)
    .filter((token) => token.length > 0 && keep(token));
}
