import { z } from 'zod';

/**
 * How hanzi cards look for this browser: kept in a plain cookie so the server renders the
 * learner's choice on the first paint (no flash, no inline script under a strict CSP).
 */
export const DISPLAY_COOKIE = 'ts_display';

export const TONE_PALETTES = ['pleco', 'hanping', 'none'] as const;

const displaySettingsSchema = z.object({
  tones: z.enum(TONE_PALETTES).catch('pleco'),
  pinyin: z.boolean().catch(true),
  /** Pinyin as spoken (一 and 不 sandhi, as the voice says it) or in dictionary tones. */
  sandhi: z.boolean().catch(true),
});

export type DisplaySettings = z.infer<typeof displaySettingsSchema>;

export const DEFAULT_DISPLAY: DisplaySettings = { tones: 'pleco', pinyin: true, sandhi: true };

/** Never throws: a missing or garbled cookie means the defaults. */
export function parseDisplaySettings(raw: string | undefined): DisplaySettings {
  if (!raw) return DEFAULT_DISPLAY;
  try {
    return displaySettingsSchema.parse(JSON.parse(raw));
  } catch {
    return DEFAULT_DISPLAY;
  }
}
