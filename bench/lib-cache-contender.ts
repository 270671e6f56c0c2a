import { createCache, type Cache, type CacheTier } from '@/lib/cache';
import { ENTRY_TTL_MS, type Contender, type ContenderOptions } from './contenders';
import { ttsEntrySchema } from './payload';

export type Namespace = 'tts';

/**
 * lib/cache as the app configures it, or with its L1 switched off (`maxEntries: 0`, lib/cache's
 * own Redis-only mode) so that every read is answered by Redis: an honest L2 hit.
 */
export interface LibCacheContender extends Contender {
  readonly cache: Cache<Namespace>;
  /** Which tier answered, so a scenario can prove it measured the tier it claims to. */
  readonly tiers: Record<CacheTier, number>;
}

export function createLibCache(
  options: ContenderOptions & { l1?: 'on' | 'l2-only' },
): LibCacheContender {
  const l2Only = options.l1 === 'l2-only';
  const cache = createCache<Namespace>({
    prefix: options.prefix,
    redis: { mode: 'standalone', url: options.redisUrl },
    namespaces: { tts: { ttlMs: ENTRY_TTL_MS, lease: options.lease ?? false } },
    // A minute of L1 safety TTL so the interleaved rounds (tens of seconds apart) keep hitting L1.
    l1: l2Only ? { maxEntries: 0 } : { ttlMs: 60_000 },
  });
  const tiers: Record<CacheTier, number> = { l1: 0, l2: 0, loader: 0 };
  return {
    label: l2Only ? 'lib/cache, L1 off' : 'lib/cache',
    cache,
    tiers,
    ready: () => cache.ready(),
    async getOrSet(key, loader) {
      const result = await cache.getOrSet({
        namespace: 'tts',
        key,
        schema: ttsEntrySchema,
        loader,
      });
      tiers[result.tier] += 1;
      return result.value;
    },
    close: () => cache.close(),
  };
}
