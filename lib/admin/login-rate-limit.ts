import type { Cluster, Redis } from 'ioredis';
import { createRateLimiter, type RateLimiter } from '@/lib/rate-limit/limiter';

export interface LoginRateLimitOptions {
  redis: Redis | Cluster;
  /** Redis key prefix, e.g. `tingshuo:_admin:login`. */
  keyPrefix: string;
  /** Attempts allowed per IP per window. */
  attempts?: number;
  windowSeconds?: number;
}

/**
 * Counts login attempts per client IP across the fleet in Redis. When Redis is down the in-memory
 * insurance limiter takes over, so an outage never turns into unlimited password guessing.
 */
export function createLoginRateLimiter({
  redis,
  keyPrefix,
  attempts = 10,
  windowSeconds = 15 * 60,
}: LoginRateLimitOptions): RateLimiter {
  return createRateLimiter({ redis, keyPrefix, points: attempts, windowSeconds });
}

export type LoginRateLimiter = RateLimiter;
