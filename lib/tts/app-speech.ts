import type { AppNamespace } from '@/lib/app-cache';
import { speechWithinCeiling } from '@/lib/budget/ceiling-providers';
import type { SpendingCeiling } from '@/lib/budget/spending-ceiling';
import type { Cache } from '@/lib/cache';
import type { AppConfig } from '@/lib/config';
import type { PrismaClient } from '@/lib/db/client';
import type { SavingsLedger } from '@/lib/savings/ledger';
import type { AudioStorage } from './audio-storage';
import { speechProviderFromConfig } from './provider-from-config';
import { createSpeechService, type SpeechService } from './speech-service';
import { audioStorageFromConfig } from './storage-from-config';

export interface AppSpeech {
  service: SpeechService;
  storage: AudioStorage;
}

export interface AppSpeechDependencies {
  settings: AppConfig;
  cache: Cache<AppNamespace>;
  db: PrismaClient;
  ceiling: SpendingCeiling;
  savings: SavingsLedger;
}

/** The app's speech service and audio storage, wired to what lib/server hands them. */
export function createAppSpeech({
  settings,
  cache,
  db,
  ceiling,
  savings,
}: AppSpeechDependencies): AppSpeech {
  const storage = audioStorageFromConfig(settings);
  const service = createSpeechService({
    cache,
    db,
    provider: speechWithinCeiling(speechProviderFromConfig(settings), ceiling),
    storage,
    onAudioReused: (text) => void savings.record('ttsCharacters', [...text].length),
    reuseStoredAudio: settings.CACHE_BYPASS !== '1',
  });
  return { service, storage };
}
