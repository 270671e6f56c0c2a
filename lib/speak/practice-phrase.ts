// Han characters, with the Chinese commas and middle dots that may sit inside a phrase.
const CHINESE_PHRASE = /\p{Script=Han}[\p{Script=Han}，、·]*/u;
// A longer stretch is a paragraph, not something to say in one breath.
const MAX_CHARACTERS = 16;

/**
 * The Chinese phrase in a mixed-language text (a tutor's reply) that a learner can say aloud:
 * its first run of hanzi, trimmed of trailing commas; undefined when it has none or it is long.
 */
export function practicePhrase(text: string): string | undefined {
  const phrase = text.match(CHINESE_PHRASE)?.[0].replace(/[，、·]+$/u, '');
  if (!phrase || [...phrase].length > MAX_CHARACTERS) return undefined;
  return phrase;
}
