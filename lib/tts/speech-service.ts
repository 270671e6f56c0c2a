import { z } from 'zod';
import {
  CacheLoaderError,
  CacheLoaderTimeoutError,
  type Cache,
  type CacheStatus,
} from '@/lib/cache';
import { SpendingCeilingError } from '@/lib/budget/spending-ceiling';
import type { PrismaClient } from '@/lib/db/generated/client';
import { audioKey, type AudioKey, type AudioStorage } from './audio-storage';
import { SpeechInputError, SpeechProviderError, SpeechTimeoutError } from './speech-errors';
import { speechCacheKey } from './speech-key';
import type { SpeechProvider } from './speech-provider';
import { speechRequestSchema, type SpeechRequest } from './speech-request';

export interface SpeechResult {
  /** Content-addressed, so clients may cache it forever. */
  url: string;
  cache: CacheStatus;
  /** The AudioAsset row recording this audio. */
  assetId: string;
}

export interface SpeechService {
  readonly provider: SpeechProvider;
  /** Validates (and normalises) a request for this service's provider. */
  readonly requestSchema: ReturnType<typeof speechRequestSchema>;
  /**
   * Throws SpeechInputError for a request the provider cannot take, SpeechTimeoutError when
   * the engine is too slow, SpeechProviderError when it fails.
   */
  synthesize(request: SpeechRequest): Promise<SpeechResult>;
}

/** Only what the service uses, so any app cache that has a `tts` namespace fits. */
export type SpeechCache = Pick<Cache<'tts'>, 'getOrSet'>;
export type AudioAssetDatabase = Pick<PrismaClient, 'audioAsset'>;

export interface SpeechServiceDependencies {
  cache: SpeechCache;
  db: AudioAssetDatabase;
  provider: SpeechProvider;
  storage: AudioStorage;
  /** Told when audio is served without calling the engine (for the savings dashboard). */
  onAudioReused?: (text: string) => void;
  /**
   * Whether a stored file (the durable tier under Redis) may answer before the engine. Off only
   * in the app with its cache bypassed (`CACHE_BYPASS=1`, for `npm run bench:app`), which must
   * behave like an app without any cache: the engine runs for every request.
   */
  reuseStoredAudio?: boolean;
}

const cachedAudio = z.object({ url: z.string(), assetId: z.string() });

function audioUrl(key: AudioKey): string {
  return `/api/audio/${key}`;
}

function speechError(error: unknown, provider: string): unknown {
  if (error instanceof CacheLoaderTimeoutError)
    return new SpeechTimeoutError(provider, { cause: error });
  if (
    error instanceof CacheLoaderError &&
    (error.cause instanceof SpeechProviderError || error.cause instanceof SpendingCeilingError)
  ) {
    return error.cause;
  }
  return error;
}

/**
 * Cache-aside speech: Redis holds the hot URL, the AudioAsset row is the durable record of the
 * stored file, and the engine runs only when neither has it. Identical concurrent requests share
 * one load through the cache's coalescing and lease.
 */
export function createSpeechService({
  cache,
  db,
  provider,
  storage,
  onAudioReused = () => {},
  reuseStoredAudio = true,
}: SpeechServiceDependencies): SpeechService {
  const schema = speechRequestSchema(provider);

  return {
    provider,
    requestSchema: schema,
    async synthesize(request) {
      const parsed = schema.safeParse(request);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path[0];
        throw new SpeechInputError(
          field === 'voice' || field === 'speed' ? field : 'text',
          `${String(field ?? 'text')}: ${issue?.message ?? 'invalid value'}`,
        );
      }
      const text = parsed.data.text;
      const voice = parsed.data.voice ?? provider.defaultVoice;
      const speed = parsed.data.speed ?? 1;
      const format = provider.defaultFormat;
      const digest = speechCacheKey({ provider: provider.name, voice, speed, format, text });
      const key = audioKey(digest, format);

      const load = async (signal: AbortSignal) => {
        const existing =
          reuseStoredAudio && (await db.audioAsset.findUnique({ where: { cacheKey: digest } }));
        if (existing && (await storage.stat(key))) {
          onAudioReused(text);
          return { url: audioUrl(key), assetId: existing.id };
        }
        const { audio, contentType } = await provider.synthesize(
          { text, voice, speed, format },
          signal,
        );
        await storage.put(key, audio, contentType);
        const fields = { storageKey: key, contentType, byteSize: audio.length };
        // upsert: another instance (or a row whose file was lost) may have written it meanwhile.
        const row = await db.audioAsset.upsert({
          where: { cacheKey: digest },
          create: {
            cacheKey: digest,
            provider: provider.name,
            voice,
            speed,
            format,
            text,
            ...fields,
          },
          update: fields,
        });
        return { url: audioUrl(key), assetId: row.id };
      };

      try {
        const { value, status } = await cache.getOrSet({
          namespace: 'tts',
          key: digest,
          schema: cachedAudio,
          loader: ({ signal }) => load(signal),
        });
        if (status !== 'miss') onAudioReused(text);
        return { url: value.url, cache: status, assetId: value.assetId };
      } catch (error) {
        throw speechError(error, provider.name);
      }
    },
  };
}
