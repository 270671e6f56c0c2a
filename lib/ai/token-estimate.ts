/**
 * Roughly how many model tokens a text is, for the admin's savings estimate only: Chinese
 * characters are about one token each, other text about four characters per token.
 */
export function estimateTokens(text: string): number {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  return han + Math.ceil((Array.from(text).length - han) / 4);
}
