import type { AppConfig } from '@/lib/config';

/** What the upstream services cost, for the savings estimate. USD, as the vendors price them. */
export interface UpstreamPrices {
  ttsUsdPerMillionCharacters: number;
  aiUsdPerMillionTokens: number;
}

/** The configured prices (lib/config.ts holds their defaults). */
export function upstreamPrices(settings: AppConfig): UpstreamPrices {
  return {
    ttsUsdPerMillionCharacters: settings.PRICE_TTS_USD_PER_MILLION_CHARS,
    aiUsdPerMillionTokens: settings.PRICE_AI_USD_PER_MILLION_TOKENS,
  };
}
