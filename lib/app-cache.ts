import {
  createCache,
  type Cache,
  type NamespacePolicy,
  type RedisConnectionOptions,
} from '@/lib/cache';
import type { AppConfig } from '@/lib/config';

/** The app's data kinds. Keys read `{namespace}:{identifier}`. */
export type AppNamespace = 'tts' | 'ai' | 'progress' | 'config' | 'next';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Default policies. Speech and AI replies are costly upstream calls, so they take a fleet-wide
 * lease and may be served stale while one refresh runs. Progress gets no grace: a learner must
 * never see their own progress go backwards.
 */
export const APP_NAMESPACES: Record<AppNamespace, NamespacePolicy> = {
  // Other instances wait for the lease holder's result as long as it may take to produce, rather
  // than pay the upstream twice: a synthesis up to its hard timeout, a model reply most of a minute.
  tts: {
    ttlMs: 24 * HOUR,
    graceMs: 6 * HOUR,
    lease: true,
    leaseWaitMs: 20_000,
    hardTimeoutMs: 20_000,
  },
  ai: {
    ttlMs: HOUR,
    graceMs: 15 * MINUTE,
    lease: true,
    leaseWaitMs: 60_000,
    hardTimeoutMs: 60_000,
  },
  progress: { ttlMs: 15 * MINUTE, graceMs: 0 },
  config: { ttlMs: 7 * 24 * HOUR, graceMs: 24 * HOUR, lease: true },
  // Rendered `'use cache'` components (lib/next-cache-handler). Each entry brings its own life from
  // `cacheLife` (fresh until revalidate, stale until expire); no jitter, so that life is exact.
  next: { ttlMs: 15 * MINUTE, graceMs: 0, jitter: 0 },
};

export function redisTarget(settings: AppConfig): RedisConnectionOptions {
  switch (settings.REDIS_MODE) {
    case 'cluster':
      return { mode: 'cluster', nodes: settings.REDIS_CLUSTER_NODES ?? [] };
    case 'sentinel':
      return {
        mode: 'sentinel',
        sentinels: settings.REDIS_SENTINELS ?? [],
        name: settings.REDIS_SENTINEL_NAME,
      };
    default:
      return { mode: 'standalone', url: settings.REDIS_URL };
  }
}

export function createAppCache(settings: AppConfig): Cache<AppNamespace> {
  const cache = createCache<AppNamespace>({
    prefix: settings.CACHE_PREFIX,
    redis: redisTarget(settings),
    namespaces: APP_NAMESPACES,
    l1: {
      maxEntries: settings.CACHE_L1_MAX_ENTRIES,
      maxBytes: settings.CACHE_L1_MAX_BYTES,
      ttlMs: settings.CACHE_L1_TTL_MS,
    },
    commandTimeoutMs: settings.CACHE_REDIS_COMMAND_TIMEOUT_MS,
    statsFlushMs: settings.CACHE_STATS_FLUSH_MS,
    versionRefreshMs: settings.CACHE_VERSION_REFRESH_MS,
  });
  return settings.CACHE_BYPASS === '1' ? bypassReads(cache) : cache;
}

/**
 * The app as if it had no cache, for measuring what the cache buys (`npm run bench:app`): every
 * read runs its loader and nothing is served from L1 or Redis. Never for production.
 */
function bypassReads(cache: Cache<AppNamespace>): Cache<AppNamespace> {
  const reads: Pick<Cache<AppNamespace>, 'getOrSet' | 'get' | 'getMany'> = {
    async getOrSet({ namespace, schema, loader }) {
      const signal = AbortSignal.timeout(APP_NAMESPACES[namespace].hardTimeoutMs ?? 60_000);
      const value = schema.parse(await loader({ signal, stale: undefined, markNegative() {} }));
      return { value, status: 'miss', tier: 'loader' };
    },
    async get() {
      return undefined;
    },
    async getMany() {
      return new Map();
    },
  };
  return new Proxy(cache, {
    get(target, property) {
      if (property in reads) return reads[property as keyof typeof reads];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
