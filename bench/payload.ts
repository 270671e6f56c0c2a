import { z } from 'zod';

/**
 * The one value every contender caches: a TTS lookup of about 300 bytes of JSON, the size of
 * what the app really stores for a spoken sentence.
 */
export const ttsEntrySchema = z.object({
  url: z.string(),
  voice: z.string(),
  text: z.string(),
  pinyin: z.string(),
  durationMs: z.number(),
  sampleRateHz: z.number(),
  createdAt: z.string(),
});

export type TtsEntry = z.infer<typeof ttsEntrySchema>;

export const payload: TtsEntry = {
  url: '/api/tts/audio/3f9a1c7e5b2d4a8f9e6c1b0a7d5e3f2c1b9a8e7d6c5b4a3f2e1d0c9b8a7f6e5d.ogg',
  voice: 'cmn-CN-Wavenet-A',
  text: '我们明天一起去图书馆学习中文吧',
  pinyin: 'wǒmen míngtiān yìqǐ qù túshūguǎn xuéxí zhōngwén ba',
  durationMs: 2840,
  sampleRateHz: 24000,
  createdAt: '2025-11-24T08:00:00.000Z',
};

export const payloadJson = JSON.stringify(payload);

/** An upstream that answers at once, so a miss measures the cache's own cost. */
export const immediateLoader = async (): Promise<TtsEntry> => payload;
