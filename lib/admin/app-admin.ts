import { Cluster, Redis } from 'ioredis';
import { appCache, redisTarget } from '@/lib/app-cache';
import { createRedisConnection } from '@/lib/cache';
import { config } from '@/lib/config';
import { prisma } from '@/lib/db/client';
import { appRateLimiters } from '@/lib/rate-limit/app-rate-limits';
import { createAuditLog } from './audit-log';
import { createAdminAuth } from './auth';
import { adminCredentialFromConfig } from './credential';
import { createAdminHandlers } from './handlers';
import { createLoginRateLimiter } from './login-rate-limit';
import { ADMIN_REDIS_COMMAND_TIMEOUT_MS } from './redis-health';
import { createSavingsLedger } from '@/lib/savings/ledger';
import { createAdminService } from './service';
import { createSessionStore } from './sessions';
import { KNOWN_TAG_SHAPES } from './tag-shapes';

/**
 * The app's admin area wired to the app's cache, database and configuration. Tests build their
 * own with `createAdminService` / `createAdminAuth` / `createAdminHandlers` instead.
 */
function createAppAdmin() {
  const settings = config();
  const cache = appCache();
  const db = prisma();
  const target = redisTarget(settings);
  // A connection of the admin's own (same fail-fast settings as the cache's) for INFO/PING, the
  // login limiter and the savings counters, so none of it queues behind cache traffic.
  const redis =
    target instanceof Redis || target instanceof Cluster
      ? target
      : createRedisConnection(target, { commandTimeoutMs: ADMIN_REDIS_COMMAND_TIMEOUT_MS });
  redis.on('error', () => {});
  const savings = createSavingsLedger({ redis, prefix: settings.CACHE_PREFIX });
  const auth = createAdminAuth({
    sessions: createSessionStore(db),
    credential: adminCredentialFromConfig(settings),
    loginLimiter: createLoginRateLimiter({
      redis,
      keyPrefix: `${settings.CACHE_PREFIX}:_admin:login`,
    }),
    production: settings.NODE_ENV === 'production',
  });
  const service = createAdminService({
    cache,
    redis,
    audit: createAuditLog(db, cache.instanceId),
    savings,
    prices: {
      ttsUsdPerMillionCharacters: settings.PRICE_TTS_USD_PER_MILLION_CHARS,
      aiUsdPerMillionTokens: settings.PRICE_AI_USD_PER_MILLION_TOKENS,
    },
    tagShapes: KNOWN_TAG_SHAPES,
    spending: Object.values(appRateLimiters().spending),
  });
  return { auth, service, savings, handlers: createAdminHandlers({ auth, service }) };
}

export type AppAdmin = ReturnType<typeof createAppAdmin>;

// On globalThis so Next's dev hot reload reuses one admin connection instead of leaking one per edit.
const holder = globalThis as typeof globalThis & { tingshuoAdmin?: AppAdmin };

/** This process's admin area: `appAdmin().handlers` for routes, `appAdmin().savings.record` for hits. */
export function appAdmin(): AppAdmin {
  holder.tingshuoAdmin ??= createAppAdmin();
  return holder.tingshuoAdmin;
}
