import type { Cluster, Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  RLWrapperTimeouts,
} from 'rate-limiter-flexible';

export interface RateLimiterOptions {
  redis: Redis | Cluster;
  /** Redis key prefix, e.g. `tingshuo:_ratelimit:tts:ip`. */
  keyPrefix: string;
  /** Requests allowed per key per window. */
  points: number;
  windowSeconds: number;
  /** Longest a request waits on Redis before this limiter counts in memory instead. */
  redisTimeoutMs?: number;
  /** After Redis failed or was slow, how long to count in memory before asking Redis again. */
  coolDownMs?: number;
  /** Where a Redis failure is reported (it never fails the request). */
  onRedisError?: (error: unknown) => void;
}

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  consume(key: string): Promise<RateVerdict>;
}

const DEFAULT_REDIS_TIMEOUT_MS = 150;
const DEFAULT_COOL_DOWN_MS = 5_000;

/**
 * The one rate-limiter design every route uses: counted fleet-wide in Redis, so two app instances
 * share a budget. When Redis fails or does not answer within `redisTimeoutMs`, an in-memory
 * insurance limiter (same points, same window) counts instead, and a breaker keeps using it for
 * `coolDownMs` before Redis is tried again: a paused Redis costs one request the timeout per
 * cool-down, not every request, and an outage never turns into unlimited use.
 */
export function createRateLimiter({
  redis,
  keyPrefix,
  points,
  windowSeconds,
  redisTimeoutMs = DEFAULT_REDIS_TIMEOUT_MS,
  coolDownMs = DEFAULT_COOL_DOWN_MS,
  onRedisError = () => undefined,
}: RateLimiterOptions): RateLimiter {
  const shared = new RLWrapperTimeouts({
    limiter: new RateLimiterRedis({
      storeClient: redis,
      keyPrefix,
      points,
      duration: windowSeconds,
      // A disconnected client fails at once instead of queueing for its retry policy.
      rejectIfRedisNotReady: true,
    }),
    timeoutMs: redisTimeoutMs,
  });
  const insurance = new RateLimiterMemory({ keyPrefix, points, duration: windowSeconds });
  let redisRetryAt = 0;

  const verdict = async (attempt: Promise<unknown>): Promise<RateVerdict> => {
    try {
      await attempt;
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
        };
      }
      throw rejection;
    }
  };

  return {
    async consume(key) {
      if (Date.now() < redisRetryAt) return verdict(insurance.consume(key));
      try {
        return await verdict(shared.consume(key));
      } catch (error) {
        redisRetryAt = Date.now() + coolDownMs;
        onRedisError(error);
        return verdict(insurance.consume(key));
      }
    },
  };
}
