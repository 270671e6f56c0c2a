import { appAdmin } from '@/lib/admin/app-admin';
import { appCache } from '@/lib/app-cache';
import { speechWithinCeiling } from '@/lib/budget/ceiling-providers';
import { config } from '@/lib/config';
import { prisma } from '@/lib/db/client';
import { appRateLimiters } from '@/lib/rate-limit/app-rate-limits';
import type { AudioStorage } from './audio-storage';
import { speechProviderFromConfig } from './provider-from-config';
import { createSpeechService, type SpeechService } from './speech-service';
import { audioStorageFromConfig } from './storage-from-config';

interface AppSpeech {
  service: SpeechService;
  storage: AudioStorage;
}

/** The app's speech service and audio storage, wired to its cache, database and configuration. */
function createAppSpeech(): AppSpeech {
  const settings = config();
  const storage = audioStorageFromConfig(settings);
  const service = createSpeechService({
    cache: appCache(),
    db: prisma(),
    provider: speechWithinCeiling(
      speechProviderFromConfig(settings),
      appRateLimiters().spending.tts,
    ),
    storage,
    onAudioReused: (text) => void appAdmin().savings.record('ttsCharacters', [...text].length),
    reuseStoredAudio: settings.CACHE_BYPASS !== '1',
  });
  return { service, storage };
}

// On globalThis so Next's dev hot reload keeps one provider (one gRPC channel, one espeak queue).
const holder = globalThis as typeof globalThis & { tingshuoSpeech?: AppSpeech };

function appSpeech(): AppSpeech {
  holder.tingshuoSpeech ??= createAppSpeech();
  return holder.tingshuoSpeech;
}

/** This process's speech service (routes: `POST /api/tts`). */
export function appSpeechService(): SpeechService {
  return appSpeech().service;
}

/** Where this process's audio files live (routes: `GET /api/audio/[file]`). */
export function appAudioStorage(): AudioStorage {
  return appSpeech().storage;
}
