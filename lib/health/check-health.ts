import { within } from '@/lib/async/deadline';
import type { Cache } from '@/lib/cache';
import type { PrismaClient } from '@/lib/db/generated/client';

export interface HealthReport {
  status: 'ok' | 'degraded';
  db: 'up' | 'down';
  redis: 'up' | 'down';
}

const DB_PROBE_TIMEOUT_MS = 1_500;

/**
 * The database is the source of truth, so it decides up or down; Redis being away only makes
 * the app slower (the cache's breaker serves from memory and the loaders), hence "degraded".
 */
export async function checkHealth(deps: {
  db: PrismaClient;
  cache: Pick<Cache<string>, 'health'>;
}): Promise<HealthReport> {
  const db = (await databaseAnswers(deps.db)) ? 'up' : 'down';
  const redis = deps.cache.health().redis;
  return { status: db === 'up' && redis === 'up' ? 'ok' : 'degraded', db, redis };
}

async function databaseAnswers(db: PrismaClient): Promise<boolean> {
  return within(DB_PROBE_TIMEOUT_MS, 'the database', () => db.$queryRaw`SELECT 1`).then(
    () => true,
    () => false,
  );
}
