import {
  cachified,
  totalTtl,
  type Cache as CachifiedStore,
  type CacheEntry,
} from '@epic-web/cachified';
import { BentoCache, bentostore } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';
import { redisDriver } from 'bentocache/drivers/redis';
import { createKeyv } from '@keyv/redis';
import { createCache as createCacheManager } from 'cache-manager';
import { Redis } from 'ioredis';
import { immediateLoader, ttsEntrySchema, type TtsEntry } from './payload';

/**
 * Every cache under test behind one read-through signature, each configured as its own docs
 * suggest and each on its own ioredis connection with default options, so the scenarios can
 * treat them alike. lib/cache lives in its own module (lib-cache-contender.ts).
 */
export type Loader = () => Promise<TtsEntry>;

export interface Contender {
  readonly label: string;
  /** Settles once the contender can use Redis (lib/cache reads its versions at start-up). */
  ready?(): Promise<unknown>;
  getOrSet(key: string, loader: Loader): Promise<TtsEntry>;
  close(): Promise<void>;
}

export interface ContenderOptions {
  redisUrl: string;
  /** Unique per run, so runs never read each other's entries. */
  prefix: string;
  /** lib/cache only: take the fleet-wide Redis lease on a miss. */
  lease?: boolean;
}

export const ENTRY_TTL_MS = 3_600_000;

/**
 * ioredis's defaults, plus a no-op 'error' listener: without one ioredis prints every failed
 * reconnect, which floods the Redis-down scenario. Command failures still reach the caller.
 */
function defaultClient(url: string): Redis {
  const redis = new Redis(url);
  redis.on('error', () => {});
  return redis;
}

/** The pattern every project starts with: GET, on a miss call the upstream, SETEX. */
export function naiveKey(prefix: string, key: string): string {
  return `${prefix}:naive:tts:${key}`;
}

export function createNaive(options: ContenderOptions): Contender {
  const redis = defaultClient(options.redisUrl);
  return {
    label: 'naive GET → loader → SETEX',
    async getOrSet(key, loader) {
      const cached = await redis.get(naiveKey(options.prefix, key));
      if (cached !== null) return JSON.parse(cached) as TtsEntry;
      const value = await loader();
      await redis.setex(naiveKey(options.prefix, key), ENTRY_TTL_MS / 1000, JSON.stringify(value));
      return value;
    },
    close: async () => void redis.disconnect(),
  };
}

export function createBentocache(
  options: ContenderOptions,
  layers: 'memory+redis' | 'redis',
): Contender {
  const redis = defaultClient(options.redisUrl);
  const store = bentostore();
  if (layers === 'memory+redis') store.useL1Layer(memoryDriver({ maxSize: '64mb' }));
  store.useL2Layer(redisDriver({ connection: redis }));
  const bento = new BentoCache({
    default: 'bench',
    prefix: `${options.prefix}:bento-${layers}`,
    stores: { bench: store },
  });
  return {
    label: `bentocache (${layers})`,
    getOrSet: (key, loader) => bento.getOrSet({ key, factory: loader, ttl: ENTRY_TTL_MS }),
    async close() {
      await bento.disconnectAll();
      redis.disconnect();
    },
  };
}

/** cachified ships no Redis adapter for ioredis; this is the documented three-method store. */
function ioredisStore(redis: Redis): CachifiedStore<TtsEntry> {
  return {
    async get(key) {
      const raw = await redis.get(key);
      return raw === null ? null : (JSON.parse(raw) as CacheEntry<TtsEntry>);
    },
    async set(key, entry) {
      const ttl = totalTtl(entry.metadata);
      const json = JSON.stringify(entry);
      if (Number.isFinite(ttl)) await redis.set(key, json, 'PX', Math.ceil(ttl));
      else await redis.set(key, json);
    },
    async delete(key) {
      await redis.del(key);
    },
  };
}

export function createCachified(options: ContenderOptions): Contender {
  const redis = defaultClient(options.redisUrl);
  const cache = ioredisStore(redis);
  return {
    label: '@epic-web/cachified (ioredis)',
    getOrSet: (key, loader) =>
      cachified({
        key: `${options.prefix}:cachified:${key}`,
        cache,
        getFreshValue: loader,
        checkValue: ttsEntrySchema,
        ttl: ENTRY_TTL_MS,
      }),
    close: async () => void redis.disconnect(),
  };
}

/**
 * cache-manager over Keyv's Redis store (node-redis, which writes a tick's commands in one go):
 * the fastest anchor under concurrency, so the one lib/cache has to beat there.
 */
export function createCacheManagerContender(options: ContenderOptions): Contender {
  const keyv = createKeyv(options.redisUrl, { namespace: `${options.prefix}:cache-manager` });
  const cache = createCacheManager({ stores: [keyv] });
  return {
    label: 'cache-manager (@keyv/redis, node-redis)',
    // node-redis connects in the background; the first command waits for it.
    ready: () => keyv.get('warmup'),
    getOrSet: (key, loader) => cache.wrap(key, loader, ENTRY_TTL_MS),
    close: async () => void (await cache.disconnect()),
  };
}

/**
 * lib/cache turns the offline queue off and bounds what a request waits for start-up, so it
 * answers from the loader until connected, by design; waiting for it to be ready and one
 * throwaway read make a measured phase meet a ready client.
 */
export async function warmUp(contender: Contender): Promise<void> {
  await contender.ready?.();
  await contender.getOrSet(`warmup-${process.pid}`, immediateLoader);
}
