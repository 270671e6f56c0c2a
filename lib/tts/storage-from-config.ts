import path from 'node:path';
import { ConfigError, type AppConfig } from '@/lib/config';
import type { AudioStorage } from './audio-storage';
import { createGcsAudioStorage } from './gcs-audio-storage';
import { createLocalAudioStorage } from './local-audio-storage';

type StorageSettings = Pick<
  AppConfig,
  'AUDIO_STORAGE' | 'DATA_DIR' | 'GCS_BUCKET' | 'GCS_ENDPOINT' | 'GCS_KEY_PREFIX'
>;

/**
 * Files under DATA_DIR/audio unless AUDIO_STORAGE=gcs, so the app stores its audio with no
 * account and no network; a bucket when several instances must share the files.
 */
export function audioStorageFromConfig(settings: StorageSettings): AudioStorage {
  if (settings.AUDIO_STORAGE === 'local') {
    return createLocalAudioStorage(path.join(settings.DATA_DIR, 'audio'));
  }
  // parseConfig already refuses this; checked again for settings assembled by hand.
  if (!settings.GCS_BUCKET) throw new ConfigError(['GCS_BUCKET: required when AUDIO_STORAGE=gcs']);
  return createGcsAudioStorage({
    bucket: settings.GCS_BUCKET,
    apiEndpoint: settings.GCS_ENDPOINT,
    keyPrefix: settings.GCS_KEY_PREFIX,
  });
}
