import { spokenPinyinLine, toneSyllables } from '@/lib/catalogue/tone-syllables';
import type { Tone } from '@/lib/curriculum/pinyin-sandhi';
import type { TutorPhrase } from '../provider';

/**
 * How a phrase is said where 一 or 不 change tone, per syllable, so the tutor shows the pinyin the
 * voice speaks and accepts the spoken tone as right. Empty when nothing changes (or when the
 * phrase's characters and syllables do not line up).
 */
export function spokenTones(phrase: TutorPhrase): {
  pinyin: string;
  tones: (Tone | undefined)[];
} {
  const syllables = toneSyllables(phrase.hanzi, phrase.pinyin, phrase.pinyinNumbered).filter(
    (syllable) => syllable.pinyin !== null,
  );
  if (!syllables.some((syllable) => syllable.spoken)) return { pinyin: phrase.pinyin, tones: [] };
  return {
    pinyin: spokenPinyinLine(syllables),
    tones: syllables.map((syllable) => syllable.spoken?.tone),
  };
}
