/**
 * Tingshuo's cache-aside engine: bounded L1 over Redis L2, versioned invalidation, a pub/sub
 * bus, fencing, leases, SWR/fail-safe and fleet statistics. Framework-free. See README.md.
 */
export { createCache } from './cache';
export { assertIdentifier } from './keys';
export { createCacheMetricsRegistry } from './metrics';
export {
  createRedisConnection,
  failFastRedisOptions,
  isCluster,
  type RedisClient,
  type RedisConnectionOptions,
} from './redis-connection';
export {
  CacheConfigError,
  CacheKeyError,
  CacheLoaderError,
  CacheLoaderTimeoutError,
  CacheUnavailableError,
} from './errors';
export { quantileMs, LATENCY_BOUNDS_MS } from './stats';
export type * from './types';
