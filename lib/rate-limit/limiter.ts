import type { Cluster, Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimiterOptions {
  redis: Redis | Cluster;
  /** Redis key prefix, e.g. `tingshuo:_ratelimit:tts:ip`. */
  keyPrefix: string;
  /** Requests allowed per key per window. */
  points: number;
  windowSeconds: number;
}

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  consume(key: string): Promise<RateVerdict>;
}

/**
 * The one rate-limiter design every route uses: counted fleet-wide in Redis, so two app instances
 * share a budget; when Redis is down an in-memory insurance limiter takes over, so an outage
 * neither blocks requests on Redis nor turns into unlimited use.
 */
export function createRateLimiter({
  redis,
  keyPrefix,
  points,
  windowSeconds,
}: RateLimiterOptions): RateLimiter {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points,
    duration: windowSeconds,
    // Without this a down Redis would make every request wait for the client's retry policy.
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: windowSeconds }),
  });

  return {
    async consume(key) {
      try {
        await limiter.consume(key);
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
    },
  };
}
