/** What the upstream services cost, for the savings estimate. USD, as the vendors price them. */
export interface UpstreamPrices {
  ttsUsdPerMillionCharacters: number;
  aiUsdPerMillionTokens: number;
}

/**
 * Google Cloud TTS WaveNet/Neural2 list price, and gpt-4o-mini's output-token price: the
 * defaults when the operator has not configured their own.
 */
export const DEFAULT_PRICES: UpstreamPrices = {
  ttsUsdPerMillionCharacters: 16,
  aiUsdPerMillionTokens: 0.6,
};
