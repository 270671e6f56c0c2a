import { toneSyllables, type ToneSyllable } from '@/lib/catalogue/tone-syllables';

/** A tutor reply cut into plain text and the Chinese phrases it gives with their pinyin. */
export type ReplySegment =
  | { kind: 'text'; text: string }
  | { kind: 'phrase'; hanzi: string; syllables: ToneSyllable[]; after: string };

// "你好 — nǐ hǎo", "我想喝茶。 (wǒ xiǎng hē chá)": a run of hanzi (with Chinese punctuation), then
// " — " or " (", then pinyin letters. Only phrases written this way get colours and a play button.
const PHRASE_WITH_PINYIN =
  /([\p{Script=Han}][\p{Script=Han}，。！？、——]*)( — | \()([a-zA-Zàáǎāèéěēìíǐīòóǒōùúǔūǜǘǚǖü' ]+[a-zàáǎāèéěēìíǐīòóǒōùúǔūǜǘǚǖü])/gu;

const MARK_TONES: Record<string, number> = {
  '\u0304': 1,
  '\u0301': 2,
  '\u030c': 3,
  '\u0300': 4,
};

/** "nǐ hǎo" → "ni3 hao3" (unmarked syllables are neutral, 5). */
export function marksToNumbered(pinyin: string): string {
  return pinyin
    .split(/\s+/)
    .filter(Boolean)
    .map((syllable) => {
      const decomposed = syllable.normalize('NFD');
      const mark = [...decomposed].find((character) => MARK_TONES[character]);
      const letters = decomposed.replace(/[\u0300\u0301\u0304\u030c]/g, '').normalize('NFC');
      return `${letters}${mark ? MARK_TONES[mark] : 5}`;
    })
    .join(' ');
}

export function replySegments(reply: string): ReplySegment[] {
  const segments: ReplySegment[] = [];
  let last = 0;
  for (const match of reply.matchAll(PHRASE_WITH_PINYIN)) {
    const [whole, hanzi = '', separator = '', pinyin = ''] = match;
    const syllables = toneSyllables(hanzi, pinyin, marksToNumbered(pinyin));
    if (match.index > last) segments.push({ kind: 'text', text: reply.slice(last, match.index) });
    // "(pinyin)": the closing bracket belongs to the phrase, so the play button comes after it.
    const closing = separator === ' (' && reply[match.index + whole.length] === ')' ? ')' : '';
    segments.push({ kind: 'phrase', hanzi, syllables, after: `${separator}${pinyin}${closing}` });
    last = match.index + whole.length + closing.length;
  }
  if (last < reply.length) segments.push({ kind: 'text', text: reply.slice(last) });
  return segments;
}
