import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startFakeGoogleTts, type FakeGoogleTts } from '../support/fake-google-tts';
import { uniquePrefix } from '../support/redis';
import {
  adminInvalidate,
  adminLogin,
  appEnv,
  describe,
  eventually,
  http,
  synthesize,
} from './fixtures';

/**
 * Two `next start` processes behind one Redis (standalone or cluster) and one PostgreSQL, sharing
 * one audio directory as a deployment shares its object store, plus the scenarios that prove
 * they behave as one cache. The standalone and the cluster test files register those scenarios
 * with testFleetActsAsOneCache.
 */
export interface Fleet {
  db: TestDatabase;
  tts: FakeGoogleTts;
  appA: AppProcess;
  appB: AppProcess;
  stop(): Promise<void>;
}

// Well under the L1 safety TTL (10 s) and the version refresh (5 s): only the bus explains it.
const BUS_DELIVERY_BOUND_MS = 1_000;

/** How a fleet's instances reach Redis: one standalone server, or the nodes of a cluster. */
type FleetRedis = { redisUrl: string } | { clusterNodes: string };

export async function startFleet(options: {
  ports: [number, number];
  redis: FleetRedis;
}): Promise<Fleet> {
  const db = await createTestDatabase({ seed: true });
  const tts = await startFakeGoogleTts();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tingshuo-fleet-'));
  const redisEnv: Record<string, string> =
    'clusterNodes' in options.redis
      ? { REDIS_MODE: 'cluster', REDIS_CLUSTER_NODES: options.redis.clusterNodes }
      : {};
  const env = appEnv({
    databaseUrl: db.url,
    redisUrl: 'redisUrl' in options.redis ? options.redis.redisUrl : 'redis://127.0.0.1:1',
    prefix: uniquePrefix('fault-fleet'),
    tts,
    extra: redisEnv,
  });
  const cleanup = async (apps: (AppProcess | undefined)[]) => {
    await Promise.all(apps.map((app) => app?.stop()));
    await tts.close();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const started = await Promise.allSettled(
    options.ports.map((port) => startAppProcess({ port, env, dataDir })),
  );
  const apps = started.map((result) => (result.status === 'fulfilled' ? result.value : undefined));
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    await cleanup(apps);
    throw failure.reason;
  }
  const [appA, appB] = apps as [AppProcess, AppProcess];
  // Serving pages is not the same as being connected to Redis (a cluster takes longer): the
  // scenarios are about the shared cache, so wait until both instances use it.
  for (const app of [appA, appB]) {
    await eventually(async () => {
      const health = await http(app, '/api/health');
      return health.status === 200 && (JSON.parse(health.text) as { redis: string }).redis === 'up';
    }, `instance on ${app.port} connected to Redis`);
  }
  // "Connected" is the client's first node: a cluster client reaches the other nodes lazily, and
  // a slow first connection can trip an instance's breaker for a while. Warm the fleet up on
  // phrases of its own (spread over the slots) until each one written through A is a hit on B, so
  // the scenarios start on a fleet that really shares its cache.
  for (let i = 0; i < 6; i += 1) {
    const phrase = `预热${i}`;
    await eventually(
      async () => {
        await synthesize(appA, phrase);
        return (await synthesize(appB, phrase)).headers.get('x-cache') === 'HIT';
      },
      `a phrase stored through A served as a hit by B (warm-up ${i})`,
      30_000,
      250,
    );
  }
  return { db, tts, appA, appB, stop: () => cleanup(apps) };
}

const cacheStatus = (result: { headers: Headers }) => result.headers.get('x-cache');

async function assertHitOnTheOtherInstance({ tts, appA, appB }: Fleet, phrase: string) {
  const calls = tts.synthesizeCalls.length;
  const onA = await synthesize(appA, phrase);
  assert.equal(cacheStatus(onA), 'MISS', describe(onA, 'first request on A'));
  // A answers before its Redis write is acknowledged on every node of a cluster, so B may miss
  // for a moment; it must become a hit without a second synthesis (checked just below).
  const onB = await eventually(
    async () => {
      const answer = await synthesize(appB, phrase);
      return cacheStatus(answer) === 'HIT' && answer;
    },
    'the same phrase on B served from the shared cache',
    2_000,
    50,
  );
  assert.equal(tts.synthesizeCalls.length, calls + 1, 'one synthesis for the fleet');
  const { url } = JSON.parse(onB.text) as { url: string };
  assert.equal((await http(appB, url)).status, 200, 'B serves the audio A stored');
}

async function assertInvalidationReachesTheOther({ db, appA, appB }: Fleet, phrase: string) {
  await synthesize(appA, phrase);
  // Twice on B: the second answer comes from B's own in-process copy (L1).
  await synthesize(appB, phrase);
  assert.equal(cacheStatus(await synthesize(appB, phrase)), 'HIT');
  const stored = await db.prisma.audioAsset.findFirstOrThrow({ where: { text: phrase } });
  const untilBMisses = (what: string) =>
    eventually(
      async () => cacheStatus(await synthesize(appB, phrase)) === 'MISS',
      what,
      BUS_DELIVERY_BOUND_MS,
      20,
    );

  const admin = await adminLogin(appA);
  const deleted = await adminInvalidate(appA, admin, {
    scope: 'key',
    namespace: 'tts',
    key: stored.cacheKey,
  });
  assert.equal(deleted.status, 200, describe(deleted, 'key invalidation on A'));
  await untilBMisses('B to drop the deleted key');

  assert.equal(cacheStatus(await synthesize(appB, phrase)), 'HIT', 'B refilled it');
  const bumped = await adminInvalidate(appA, admin, { scope: 'namespace', namespace: 'tts' });
  assert.equal(bumped.status, 200, describe(bumped, 'namespace invalidation on A'));
  await untilBMisses('B to drop the whole namespace');
}

async function assertOneSynthesisForAStampede(
  { tts, appA, appB }: Fleet,
  phrase: string,
  requests: number,
) {
  const calls = tts.synthesizeCalls.length;
  const results = await Promise.all(
    Array.from({ length: requests }, (_, index) => synthesize(index % 2 ? appB : appA, phrase)),
  );
  const failed = results.filter((result) => result.status !== 200);
  assert.deepEqual(
    failed.map((result) => describe(result, 'TTS')),
    [],
    'all answered',
  );
  const urls = new Set(results.map((result) => (JSON.parse(result.text) as { url: string }).url));
  assert.equal(urls.size, 1, 'everyone got the same audio');
  const synthesised = tts.synthesizeCalls.slice(calls).filter((call) => call.text === phrase);
  assert.equal(synthesised.length, 1, 'one engine call for the whole fleet');
}

/**
 * Registers this file's tests: a fleet on the Redis `startRedis` gives it (started before the
 * tests, stopped after them) must act as one cache. Each topology runs the same three scenarios,
 * on phrases of its own (a cluster spreads them over its slots).
 */
export function testFleetActsAsOneCache(options: {
  topology: string;
  ports: [number, number];
  startRedis: () => Promise<{ connection: FleetRedis; stop(): Promise<void> }>;
  phrases: { hit: string; invalidation: string; stampede: string };
  stampedeRequests: number;
}): void {
  const { topology, phrases } = options;
  let redis: { stop(): Promise<void> } | undefined;
  let fleet: Fleet | undefined;
  before(async () => {
    const server = await options.startRedis();
    redis = server;
    fleet = await startFleet({ ports: options.ports, redis: server.connection });
  });
  after(async () => {
    await fleet?.stop();
    await redis?.stop();
  });
  const started = () => {
    assert.ok(fleet, 'the fleet started');
    return fleet;
  };

  test(`${topology}: a phrase synthesised through one instance is a hit on the other`, () =>
    assertHitOnTheOtherInstance(started(), phrases.hit));

  test(`${topology}: an admin invalidation on one instance is seen at once on the other, its L1 included`, () =>
    assertInvalidationReachesTheOther(started(), phrases.invalidation));

  test(`${topology}: ${options.stampedeRequests} concurrent cold requests split across both instances call the synthesiser once`, () =>
    assertOneSynthesisForAStampede(started(), phrases.stampede, options.stampedeRequests));
}
