import type { AppNamespace } from '@/lib/app-cache';
import type { SpendingCeiling } from '@/lib/budget/spending-ceiling';
import type { Cache, RedisClient } from '@/lib/cache';
import type { AppConfig } from '@/lib/config';
import type { PrismaClient } from '@/lib/db/client';
import type { SavingsLedger } from '@/lib/savings/ledger';
import { createAuditLog } from './audit-log';
import { upstreamPrices } from './prices';
import { createAdminAuth } from './auth';
import { adminCredentialFromConfig } from './credential';
import { createAdminHandlers } from './handlers';
import { createLoginRateLimiter } from './login-rate-limit';
import { createAdminMutations } from './mutations';
import { createAdminService } from './service';
import { createSessionStore } from './sessions';
import { KNOWN_TAG_SHAPES } from './tag-shapes';

export interface AppAdminDependencies {
  settings: AppConfig;
  cache: Cache<AppNamespace>;
  db: PrismaClient;
  /** The admin's own connection, for INFO/PING and the login limiter (lib/server/connections). */
  redis: RedisClient;
  savings: SavingsLedger;
  spending: SpendingCeiling[];
}

/**
 * The app's admin area wired to what lib/server hands it. Tests build their own with
 * `createAdminService` / `createAdminAuth` / `createAdminHandlers` instead.
 */
export function createAppAdmin({
  settings,
  cache,
  db,
  redis,
  savings,
  spending,
}: AppAdminDependencies) {
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
    prices: upstreamPrices(settings),
    tagShapes: KNOWN_TAG_SHAPES,
    spending,
  });
  const mutations = createAdminMutations({ auth, service });
  return { auth, mutations, handlers: createAdminHandlers({ auth, service, mutations }) };
}

export type AppAdmin = ReturnType<typeof createAppAdmin>;
