import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppAdmin } from '@/lib/admin/app-admin';
import type { SavingsLedger } from '@/lib/savings/ledger';
import { issueLearnerCookie, LEARNER_COOKIE } from '@/lib/learner/cookie';
import { adminFixture, type AdminFixture } from '../admin/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { deleteByPrefix, keysMatching, redisForTest, type TestRedisClient } from '../support/redis';

export interface AppEnvironment {
  database: TestDatabase;
  /** The app cache's prefix (also the rate limiters'). */
  prefix: string;
  redis: TestRedisClient;
  /** The admin area the app's admin routes delegate to (its own cache prefix). */
  admin: AdminFixture;
  /** Rows in every table a request could write to, and Redis keys (but rate-limit counters). */
  footprint(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

// The slots lib/server keeps the admin area and the savings ledger in (lib/server/process-wide.ts).
const holder = globalThis as typeof globalThis & {
  tingshuoAdmin?: AppAdmin;
  tingshuoSavings?: SavingsLedger;
};

/**
 * The app's own route modules (`@/app/api/.../route`) run against this test's seeded database,
 * Redis prefix and audio folder: the environment is set before they load. The admin routes
 * delegate to `appAdmin().handlers`, which is pointed at the admin fixture's handlers (the same
 * `createAdminHandlers` the app wires), and cache hits record savings in the fixture's ledger, so
 * every connection is one this test can close.
 */
export async function startAppEnvironment(
  label: string,
  env: Record<string, string> = {},
): Promise<AppEnvironment> {
  const database = await createTestDatabase({ seed: true });
  const { prefix, client: redis } = await redisForTest(label);
  const dataDir = await mkdtemp(path.join(tmpdir(), `${label}-data-`));
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    CACHE_PREFIX: prefix,
    DATA_DIR: dataDir,
    TTS_PROVIDER: 'espeak',
    AI_BASE_URL: '',
    // Stats flushes would add keys between two footprints; they have tests of their own.
    CACHE_STATS_FLUSH_MS: '600000',
    ...env,
  });
  // The cache writes its keyspace generation when it starts, not because of any request: start
  // it before the first footprint, so footprints compare what requests wrote.
  const { appCache } = await import('@/lib/server/connections');
  await appCache().ready();
  const admin = adminFixture({ database });
  holder.tingshuoAdmin = {
    handlers: admin.handlers,
    mutations: admin.mutations,
  } as unknown as AppAdmin;
  holder.tingshuoSavings = admin.savings;

  // Rate-limit counters are left out: a well-formed request for something that does not exist
  // (a 404) rightly uses up budget, or guessing ids would be free.
  const countKeys = async (match: string) =>
    (await keysMatching(redis, match)).filter((key) => !key.includes(':_ratelimit:')).length;

  return {
    database,
    prefix,
    redis,
    admin,
    async footprint() {
      const db = database.prisma;
      return {
        learners: await db.learner.count(),
        reviewStates: await db.reviewState.count(),
        reviewLogs: await db.reviewLog.count(),
        conversations: await db.conversation.count(),
        messages: await db.message.count(),
        audioAssets: await db.audioAsset.count(),
        invalidations: await db.cacheInvalidation.count(),
        adminSessions: await db.adminSession.count(),
        appKeys: await countKeys(`${prefix}:*`),
        adminKeys: await countKeys(`${admin.prefix}:*`),
      };
    },
    async close() {
      const { appCache, counterRedis, prisma } = await import('@/lib/server/connections');
      await appCache().close();
      counterRedis().disconnect();
      await prisma().$disconnect();
      await admin.close();
      await deleteByPrefix(redis, prefix);
      redis.disconnect();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh learner: its id and the Cookie header a browser would send. */
export function newLearner(): { learnerId: string; cookie: string } {
  const { learnerId, value } = issueLearnerCookie();
  return { learnerId, cookie: `${LEARNER_COOKIE}=${value}` };
}

export interface ApiError {
  code: string;
  message: string;
  field?: string;
}

/** The `{"error": {...}}` body every refusal carries; fails loudly when it is not JSON. */
export async function apiError(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) {
    throw new Error(`expected a JSON error, got ${response.status} ${type}`);
  }
  return ((await response.json()) as { error: ApiError }).error;
}
