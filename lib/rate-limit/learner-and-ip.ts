import type { Cluster, Redis } from 'ioredis';
import { createRateLimiter, type RateVerdict } from './limiter';

export interface LearnerAndIpLimitOptions {
  redis: Redis | Cluster;
  /** Redis key prefix, e.g. `tingshuo:_ratelimit:chat`. */
  keyPrefix: string;
  perLearnerPerMinute: number;
  perIpPerMinute: number;
}

export interface LearnerAndIpLimiter {
  /** `learnerId` null: a request without a learner cookie, limited by its address only. */
  consume(learnerId: string | null, ip: string): Promise<RateVerdict>;
}

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
}: LearnerAndIpLimitOptions): LearnerAndIpLimiter {
  const byLearner = createRateLimiter({
    redis,
    keyPrefix: `${keyPrefix}:learner`,
    points: perLearnerPerMinute,
    windowSeconds: 60,
  });
  const byIp = createRateLimiter({
    redis,
    keyPrefix: `${keyPrefix}:ip`,
    points: perIpPerMinute,
    windowSeconds: 60,
  });
  return {
    async consume(learnerId, ip) {
      if (learnerId !== null) {
        const learner = await byLearner.consume(learnerId);
        if (!learner.allowed) return learner;
      }
      return byIp.consume(ip);
    },
  };
}
