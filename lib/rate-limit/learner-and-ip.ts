import type { Cluster, Redis } from 'ioredis';
import { createRateLimiter, type RateVerdict } from './limiter';

export interface LearnerAndIpLimitOptions {
  redis: Redis | Cluster;
  /** Redis key prefix, e.g. `tingshuo:_ratelimit:chat`. */
  keyPrefix: string;
  perLearnerPerMinute: number;
  perIpPerMinute: number;
  /** See `RateLimiterOptions.redisTimeoutMs`; both budgets use it. */
  redisTimeoutMs?: number;
  onRedisError?: (error: unknown) => void;
}

export interface LearnerAndIpLimiter {
  /**
   * `learnerId` null: a request without a learner cookie. All of those share one learner
   * budget, so dropping the cookie buys nothing: browsers always send one (the proxy issues it
   * on the first page view); only scripts arrive without.
   */
  consume(learnerId: string | null, ip: string): Promise<RateVerdict>;
}

/** The learner budget every cookie-less request counts against. */
export const ANONYMOUS_LEARNER = 'anonymous';

/**
 * Requests per learner and per client address, for the routes that cost money upstream. The
 * per-IP budget catches one client minting fresh learner cookies; the per-learner one stops a
 * single learner from using up a shared address's budget (a school behind one NAT).
 */
export function createLearnerAndIpLimiter({
  redis,
  keyPrefix,
  perLearnerPerMinute,
  perIpPerMinute,
  redisTimeoutMs,
  onRedisError,
}: LearnerAndIpLimitOptions): LearnerAndIpLimiter {
  const byLearner = createRateLimiter({
    redis,
    keyPrefix: `${keyPrefix}:learner`,
    points: perLearnerPerMinute,
    windowSeconds: 60,
    redisTimeoutMs,
    onRedisError,
  });
  const byIp = createRateLimiter({
    redis,
    keyPrefix: `${keyPrefix}:ip`,
    points: perIpPerMinute,
    windowSeconds: 60,
    redisTimeoutMs,
    onRedisError,
  });
  return {
    async consume(learnerId, ip) {
      const learner = await byLearner.consume(learnerId ?? ANONYMOUS_LEARNER);
      if (!learner.allowed) return learner;
      return byIp.consume(ip);
    },
  };
}
