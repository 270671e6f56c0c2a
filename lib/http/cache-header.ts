import type { CacheStatus } from '@/lib/cache';

/** `X-Cache: HIT | MISS | STALE`, spelt the same by every route that reads through lib/cache. */
export function cacheHeader(status: CacheStatus): { 'X-Cache': string } {
  return { 'X-Cache': status.toUpperCase() };
}
