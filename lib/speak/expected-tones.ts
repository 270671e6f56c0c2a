import { pinyin } from 'pinyin-pro';

/** 1-4 are the four tones, 5 the neutral tone (CC-CEDICT's numbering, as in the curriculum). */
export type Tone = 1 | 2 | 3 | 4 | 5;

export type ExpectedSyllable = {
  /** Toneless pinyin as written in the phrase ("ni", "hao"). */
  syllable: string;
  /** The dictionary tone. */
  citationTone: Tone;
  /** The tone actually spoken in this phrase, after tone sandhi. */
  tone: Tone;
};

const HAN = /\p{Script=Han}/u;

function toTone(digit: string | undefined): Tone {
  const tone = Number(digit);
  return tone >= 1 && tone <= 4 ? (tone as Tone) : 5;
}

/**
 * 一 and 不 change tone with the next syllable (不是 bú shì, 一起 yì qǐ, but 第一 dì yī).
 * pinyin-pro knows these rules, so its sandhi reading of the phrase gives their spoken tones,
 * character by character; undefined where the phrase's characters and syllables do not line up.
 */
function yiBuTones(hanzi: string, syllableCount: number): (Tone | undefined)[] | undefined {
  const characters = [...hanzi].filter((character) => HAN.test(character));
  if (characters.length !== syllableCount) return undefined;
  const read = pinyin(characters.join(''), { toneType: 'num', type: 'all' });
  return characters.map((character, index) =>
    character === '一' || character === '不'
      ? toTone(read[index]?.pinyin.match(/\d$/)?.[0])
      : undefined,
  );
}

/**
 * For each syllable, whether a pause (punctuation) follows it before the next one; undefined
 * where the phrase's characters and syllables do not line up.
 */
function pausesAfter(hanzi: string, syllableCount: number): boolean[] | undefined {
  const pauses: boolean[] = [];
  for (const character of hanzi) {
    if (HAN.test(character)) pauses.push(false);
    else if (pauses.length && /[\p{P}\s]/u.test(character)) pauses[pauses.length - 1] = true;
  }
  return pauses.length === syllableCount ? pauses : undefined;
}

/**
 * Third-tone sandhi: in a run of third tones every one but the last is said as a second tone
 * (你好 ní hǎo, 我很好 wó hén hǎo). Real speech groups the run by words; the flat rule is what
 * textbooks teach and what the offline voice does. A pause ends the run (你好！我是…: hǎo stays a
 * third tone), since sandhi joins syllables said in one breath.
 */
function applyThirdToneSandhi(tones: Tone[], pauses: boolean[] | undefined): Tone[] {
  return tones.map((tone, index) =>
    tone === 3 && tones[index + 1] === 3 && !pauses?.[index] ? 2 : tone,
  );
}

/**
 * The tones a phrase is spoken with: its numbered reading ("ni3 hao3", neutral tone 5) with
 * 一/不 sandhi (from the hanzi) and third-tone sandhi applied.
 */
export function expectedTones(hanzi: string, numbered: string): ExpectedSyllable[] {
  const syllables = numbered.toLowerCase().trim().split(/\s+/).filter(Boolean);
  const citation = syllables.map((syllable) => toTone(syllable.match(/[1-5]$/)?.[0]));
  const yiBu = yiBuTones(hanzi, syllables.length);
  // A neutral reading (对不起 duì bu qǐ) is already how it is said: sandhi leaves it alone.
  const afterYiBu = citation.map((tone, index) => (tone === 5 ? tone : (yiBu?.[index] ?? tone)));
  const spoken = applyThirdToneSandhi(afterYiBu, pausesAfter(hanzi, syllables.length));
  return syllables.map((syllable, index) => ({
    syllable: syllable.replace(/[1-5]$/, ''),
    citationTone: citation[index] ?? 5,
    tone: spoken[index] ?? 5,
  }));
}
