import { createAppCache, redisTarget } from '@/lib/app-cache';
import { ADMIN_REDIS_COMMAND_TIMEOUT_MS } from '@/lib/admin/redis-health';
import { createRedisConnection } from '@/lib/cache';
import { config } from '@/lib/config';
import { prismaFromConfig } from '@/lib/db/client';
import { log } from '@/lib/log/logger';
import { processWide } from './process-wide';

/**
 * The process's connections, each opened on first use. The cache opens its own pair inside
 * lib/cache (commands + the invalidation bus); the two below are the app's only other Redis
 * clients, and this file is the only place that opens them.
 */

/** The cache every route, page and `'use cache'` component reads through. */
export const appCache = processWide('tingshuoCache', () => createAppCache(config()));

/** The Prisma client on DATABASE_URL. */
export const prisma = processWide('tingshuoPrisma', () => prismaFromConfig(config()));

/**
 * Counters: rate limits, spending ceilings and savings. A connection of their own (same fail-fast
 * settings as the cache's) so they never queue behind cache traffic.
 */
export const counterRedis = processWide('tingshuoCounterRedis', () => sideConnection('counters'));

/**
 * The admin area's INFO/PING/SCAN and its login limiter, with a longer command timeout than a
 * learner's request can afford, on a connection of their own for the same reason.
 */
export const adminRedis = processWide('tingshuoAdminRedis', () =>
  sideConnection('admin', ADMIN_REDIS_COMMAND_TIMEOUT_MS),
);

function sideConnection(purpose: string, commandTimeoutMs?: number) {
  const redis = createRedisConnection(redisTarget(config()), { commandTimeoutMs });
  // ioredis reconnects by itself; its users fall back meanwhile (limiter.ts, redis-health.ts).
  redis.on('error', (error) => log.warn({ err: error }, `${purpose}: Redis connection error`));
  return redis;
}
