import type { Cluster, Redis } from 'ioredis';
import { createLearnerAndIpLimiter } from '@/lib/rate-limit/learner-and-ip';
import type { RateVerdict } from '@/lib/rate-limit/limiter';

export interface ChatRateLimitOptions {
  redis: Redis | Cluster;
  /** Redis key prefix, e.g. `tingshuo:_ratelimit:chat`. */
  keyPrefix: string;
  perLearnerPerMinute?: number;
  perIpPerMinute?: number;
}

export type ChatRateVerdict = RateVerdict;

export interface ChatRateLimiter {
  consume(learnerId: string, ip: string): Promise<ChatRateVerdict>;
}

/**
 * Messages per learner and per client address, counted fleet-wide in Redis (the shared
 * lib/rate-limit design: in-memory insurance when Redis is down).
 */
export function createChatRateLimiter({
  redis,
  keyPrefix,
  perLearnerPerMinute = 20,
  perIpPerMinute = 60,
}: ChatRateLimitOptions): ChatRateLimiter {
  return createLearnerAndIpLimiter({ redis, keyPrefix, perLearnerPerMinute, perIpPerMinute });
}
