import { Cluster, Redis, type RedisOptions } from 'ioredis';

export type RedisClient = Redis | Cluster;

export type RedisConnectionOptions =
  | { mode: 'standalone'; url: string }
  | { mode: 'cluster'; nodes: { host: string; port: number }[] }
  | { mode: 'sentinel'; sentinels: { host: string; port: number }[]; name: string };

export interface FailFastOptions {
  /** Upper bound on any single command. Default 250 ms. */
  commandTimeoutMs?: number;
  /** Upper bound on establishing a connection. Default 1 s. */
  connectTimeoutMs?: number;
}

/** Reconnect quickly at first, then at most once a second, forever: recovery must be automatic. */
const reconnectDelay = (attempt: number) => Math.min(50 * 2 ** attempt, 1000);

/**
 * ioredis defaults make a dead Redis hang each call for ~73 s (offline queue + 20 retries). These
 * settings make every command either answer or fail within `commandTimeoutMs`, so callers can
 * fall back instead of waiting. Shared with the app's other Redis users (rate limits).
 */
export function failFastRedisOptions(options: FailFastOptions = {}): RedisOptions {
  return { ...perCommandLimits(options), enableOfflineQueue: false, retryStrategy: reconnectDelay };
}

function perCommandLimits(options: FailFastOptions) {
  return {
    commandTimeout: options.commandTimeoutMs ?? 250,
    connectTimeout: options.connectTimeoutMs ?? 1000,
    maxRetriesPerRequest: 1,
  };
}

export function createRedisConnection(
  target: RedisConnectionOptions,
  options: FailFastOptions = {},
): RedisClient {
  const failFast = failFastRedisOptions(options);
  switch (target.mode) {
    case 'standalone':
      return new Redis(target.url, failFast);
    case 'sentinel':
      return new Redis({
        ...failFast,
        sentinels: target.sentinels,
        name: target.name,
        sentinelRetryStrategy: reconnectDelay,
      });
    case 'cluster':
      return new Cluster(target.nodes, {
        enableOfflineQueue: false,
        clusterRetryStrategy: reconnectDelay,
        slotsRefreshTimeout: options.connectTimeoutMs ?? 1000,
        redisOptions: perCommandLimits(options),
      });
  }
}

export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}
