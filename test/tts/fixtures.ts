import { mkdtemp, rm } from 'node:fs/promises';
import { after, before, beforeEach } from 'node:test';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { APP_NAMESPACES } from '@/lib/app-cache';
import { createCache, type Cache, type NamespacePolicy } from '@/lib/cache';
import type { PrismaClient } from '@/lib/db/generated/client';
import type { AudioStorage } from '@/lib/tts/audio-storage';
import { createGoogleProvider } from '@/lib/tts/google-provider';
import { createLocalAudioStorage } from '@/lib/tts/local-audio-storage';
import type { SpeechProvider } from '@/lib/tts/speech-provider';
import { createSpeechService, type SpeechService } from '@/lib/tts/speech-service';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startFakeGoogleTts, type FakeGoogleTts } from '../support/fake-google-tts';
import { redisForTest, SHARED_REDIS_URL } from '../support/redis';

export function ttsCache(prefix: string, policy: Partial<NamespacePolicy> = {}): Cache<'tts'> {
  return createCache({
    prefix,
    redis: { mode: 'standalone', url: SHARED_REDIS_URL },
    namespaces: { tts: { ...APP_NAMESPACES.tts, ...policy } },
  });
}

export interface SpeechHarness {
  fake: FakeGoogleTts;
  google: ReturnType<typeof createGoogleProvider>;
  storage: AudioStorage;
  /** The folder the storage writes to. */
  directory: string;
  cache: Cache<'tts'>;
  service: SpeechService;
  prefix: string;
  /** Another cache on the same Redis prefix, optionally with its own policy. */
  newCache(policy?: Partial<NamespacePolicy>): Cache<'tts'>;
  /** Another service on the same Redis, database and storage: a second app instance. */
  serviceFor(provider: SpeechProvider, cache?: Cache<'tts'>): SpeechService;
  close(): Promise<void>;
}

/**
 * A speech service over real Redis (own prefix), the given Postgres, files in a temporary folder
 * and the real Google client talking to a local fake Google server.
 */
export async function speechHarness(db: PrismaClient): Promise<SpeechHarness> {
  const fake = await startFakeGoogleTts();
  const google = createGoogleProvider({ endpoint: fake.endpoint, timeoutMs: 60_000 });
  const directory = await mkdtemp(path.join(tmpdir(), 'tts-audio-'));
  const storage = createLocalAudioStorage(directory);
  const redis = await redisForTest('tts');
  const caches: Cache<'tts'>[] = [];
  const newCache = (policy: Partial<NamespacePolicy> = {}) => {
    const cache = ttsCache(redis.prefix, policy);
    caches.push(cache);
    return cache;
  };
  const cache = newCache();
  const serviceFor = (provider: SpeechProvider, ownCache = newCache()) =>
    createSpeechService({ cache: ownCache, db, provider, storage });
  return {
    fake,
    google,
    storage,
    directory,
    cache,
    prefix: redis.prefix,
    newCache,
    service: serviceFor(google, cache),
    serviceFor,
    async close() {
      await Promise.all(caches.map((each) => each.close()));
      await redis.cleanup();
      await google.close();
      await fake.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * The hooks of a speech test file: one database and harness for the file, and a fake that starts
 * every test answering normally with no calls recorded. `use` receives them once they exist.
 */
export function speechHarnessForFile(
  use: (created: { database: TestDatabase; tts: SpeechHarness }) => void,
) {
  let database: TestDatabase | undefined;
  let tts: SpeechHarness | undefined;
  before(async () => {
    database = await createTestDatabase();
    tts = await speechHarness(database.prisma);
    use({ database, tts });
  });
  after(async () => {
    await tts?.close();
    await database?.drop();
  });
  beforeEach(() => {
    if (!tts) return;
    tts.fake.behaviour = { kind: 'ok' };
    tts.fake.synthesizeCalls.length = 0;
  });
}
