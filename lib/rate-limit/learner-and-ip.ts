import type { Cluster, Redis } from 'ioredis';
import { createBudgetsLimiter, type RateVerdict } from './limiter';

export interface LearnerAndIpLimitOptions {
  redis: Redis | Cluster;
  /** Redis key prefix, e.g. `tingshuo:_ratelimit:chat`. */
  keyPrefix: string;
  perLearnerPerMinute: number;
  perIpPerMinute: number;
  /** See `BudgetsOptions.redisTimeoutMs`; both budgets use it. */
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
  // The learner first: a learner past their own budget does not also spend the address's.
  const limiter = createBudgetsLimiter({
    redis,
    keyPrefix,
    budgets: [
      { name: 'learner', points: perLearnerPerMinute },
      { name: 'ip', points: perIpPerMinute },
    ],
    windowSeconds: 60,
    redisTimeoutMs,
    onRedisError,
  });
  return {
    consume: (learnerId, ip) => limiter.consume([learnerId ?? ANONYMOUS_LEARNER, ip]),
  };
}
