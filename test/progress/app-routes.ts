import { after, before } from 'node:test';
import { issueLearnerCookie, LEARNER_COOKIE } from '@/lib/learner/cookie';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { redisForTest } from '../support/redis';
import { seedCurriculum, type Curriculum } from './fixtures';

export interface AppRoutes<Routes> {
  database: TestDatabase;
  curriculum: Curriculum;
  routes: Routes;
}

/**
 * Registers the file's hooks that give its tests the app's own route handlers over a fresh
 * database (seeded with the test curriculum) and a Redis prefix of its own. The routes use the
 * app's database client and cache, configured from the environment, so the environment is
 * pointed at this test's database and prefix before `load` imports them. Read the result inside
 * tests (it is filled in by the `before` hook).
 */
export function appRoutesForFile<Routes>(
  name: string,
  load: () => Promise<Routes>,
): AppRoutes<Routes> {
  const harness = {} as AppRoutes<Routes>;
  let redis: Awaited<ReturnType<typeof redisForTest>> | undefined;
  before(async () => {
    harness.database = await createTestDatabase();
    harness.curriculum = await seedCurriculum(harness.database.prisma);
    redis = await redisForTest(name);
    process.env.DATABASE_URL = harness.database.url;
    process.env.CACHE_PREFIX = redis.prefix;
    harness.routes = await load();
  });
  after(async () => {
    const { appCache, prisma } = await import('@/lib/server/connections');
    await appCache().close();
    await prisma().$disconnect();
    await redis?.cleanup();
    await harness.database?.drop();
  });
  return harness;
}

/** A new learner and the cookie that signs them in. */
export function newLearner(otherCookies = '') {
  const { learnerId, value } = issueLearnerCookie();
  return { learnerId, cookie: `${otherCookies}${LEARNER_COOKIE}=${value}` };
}
