/** One written character with the syllable and tone it is read with, for tone colouring. */
export interface ToneSyllable {
  text: string;
  pinyin: string | null;
  tone: 1 | 2 | 3 | 4 | 5 | null;
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
  return characters.map((text) => {
    if (!aligned || !HAN.test(text)) return { text, pinyin: null, tone: null };
    const tone = Number(NUMBERED_SYLLABLE.exec(numbered[index] ?? '')?.[1]) as ToneSyllable['tone'];
    const syllable = { text, pinyin: marked[index] ?? null, tone };
    index += 1;
    return syllable;
  });
}

function syllables(text: string, keep: (token: string) => boolean): string[] {
  return text
    .split(/[\s,.!?;:，。！？；：、“”"'()（）]+/u)
    .filter((token) => token.length > 0 && keep(token));
}
