import { config } from '@/lib/config';
import { createAppSpeech } from '@/lib/tts/app-speech';
import { appCache, prisma } from './connections';
import { appRateLimiters, appSavings } from './counters';
import { processWide } from './process-wide';

// One provider per process: one gRPC channel, one espeak worker queue.
const appSpeech = processWide('tingshuoSpeech', () =>
  createAppSpeech({
    settings: config(),
    cache: appCache(),
    db: prisma(),
    ceiling: appRateLimiters().spending.tts,
    savings: appSavings(),
  }),
);

/** The speech service (`POST /api/tts`). */
export const appSpeechService = () => appSpeech().service;

/** Where audio files live (`GET /api/audio/[file]`). */
export const appAudioStorage = () => appSpeech().storage;
