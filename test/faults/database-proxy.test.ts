import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { createTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from '../support/database';
import { uniquePrefix } from '../support/redis';
import { startRedisServer, type RedisServer } from '../support/redis-server';
import { PASS, startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { startLoad, type LoadRecord } from './database-load';
import { appEnv, eventually, FAULT_PORTS, http, seededLesson, warmUp } from './fixtures';

/**
 * Two instances under load while PostgreSQL, behind a TCP proxy, is cut, paused, or silently
 * black-holed (a NAT that lost its state: the old connections never answer again, new ones
 * work). During every fault: no 500 at all (503s are the honest answer), no review applied twice,
 * none lost once answered 2xx; and health is back to 200 within 10 s of the database returning,
 * by itself. Prints the table the README's operations section quotes.
 */

const FAULT_MS = 10_000;
const HEAL_BOUND_MS = 10_000;
const WORKERS = 8;

let db: TestDatabase;
let redis: RedisServer;
let proxy: TcpProxy;
let apps: AppProcess[] = [];

before(async () => {
  db = await createTestDatabase({ seed: true });
  redis = await startRedisServer(FAULT_PORTS.databaseLoad.redis);
  const target = new URL(TEST_POSTGRES_URL);
  proxy = await startTcpProxy({
    listenPort: FAULT_PORTS.databaseLoad.proxy,
    targetHost: target.hostname,
    targetPort: Number(target.port || 5432),
  });
  const throughProxy = new URL(db.url);
  throughProxy.host = `127.0.0.1:${proxy.port}`;
  const env = appEnv({
    databaseUrl: throughProxy.toString(),
    redisUrl: redis.url,
    prefix: uniquePrefix('fault-db-load'),
  });
  apps = await Promise.all(
    [FAULT_PORTS.databaseLoad.appA, FAULT_PORTS.databaseLoad.appB].map((port) =>
      startAppProcess({ port, env }),
    ),
  );
  for (const app of apps) await warmUp(app, db.prisma);
});

after(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await proxy?.close();
  await redis?.stop();
  await db?.drop();
});

interface Row {
  fault: string;
  answers: number;
  non2xx: number;
  http500: number;
  http503: number;
  timeouts: number;
  slowestMs: number;
  reviews5xxButSaved: number;
  healMs: number;
}

const rows: Row[] = [];

async function underFault(
  fault: string,
  start: () => Promise<void> | void,
  end: () => Promise<void> | void,
): Promise<{ row: Row; record: LoadRecord }> {
  const lesson = await seededLesson(db.prisma);
  const load = startLoad({
    apps,
    workers: WORKERS,
    phraseIds: lesson.phrases.map((phrase) => phrase.id),
    lessonSlug: lesson.slug,
  });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await start();
  await new Promise((resolve) => setTimeout(resolve, FAULT_MS));
  await end();
  const returned = performance.now();
  for (const app of apps) {
    await eventually(
      async () => (await http(app, '/api/health', { timeoutMs: 2_000 })).status === 200,
      `${fault}: health back to 200 on ${app.port}`,
      HEAL_BOUND_MS,
      100,
    );
  }
  const healMs = performance.now() - returned;
  await load.stop();
  const { answers, reviews } = load.record;
  const saved = new Set(
    (await db.prisma.reviewIdempotencyKey.findMany({ select: { key: true } })).map(
      (row) => row.key,
    ),
  );
  const row: Row = {
    fault,
    answers: answers.length,
    non2xx: answers.filter((a) => a.status < 200 || a.status > 299).length,
    http500: answers.filter((a) => a.status === 500).length,
    http503: answers.filter((a) => a.status === 503).length,
    timeouts: answers.filter((a) => a.status === 0).length,
    slowestMs: Math.round(Math.max(...answers.map((a) => a.ms))),
    reviews5xxButSaved: reviews.filter(
      (r) => saved.has(r.key) && r.statuses.some((status) => status >= 500),
    ).length,
    healMs: Math.round(healMs),
  };
  rows.push(row);
  return { row, record: load.record };
}

async function assertHeld({ row, record }: { row: Row; record: LoadRecord }): Promise<void> {
  const five00 = record.answers.filter((a) => a.status === 500).map((a) => a.what);
  assert.deepEqual(five00, [], `${row.fault}: no 500 at all (${JSON.stringify(row)})`);
  for (const app of apps) assert.ok(app.running(), `${row.fault}: instance ${app.port} survived`);

  const keys = await db.prisma.reviewIdempotencyKey.findMany({
    select: { learnerId: true, key: true },
  });
  const saved = new Set(keys.map((row) => row.key));
  // Every review is sent with a key, and a key is stored in the review's transaction: one log
  // per stored key, per learner, means no retry was ever applied a second time.
  const logs = await db.prisma.reviewLog.groupBy({ by: ['learnerId'], _count: true });
  const keysPerLearner = new Map<string, number>();
  for (const { learnerId } of keys) {
    keysPerLearner.set(learnerId, (keysPerLearner.get(learnerId) ?? 0) + 1);
  }
  for (const { learnerId, _count } of logs) {
    assert.equal(_count, keysPerLearner.get(learnerId) ?? 0, `${row.fault}: applied once`);
  }
  const lost = record.reviews.filter(
    (r) => r.statuses.some((status) => status >= 200 && status < 300) && !saved.has(r.key),
  );
  assert.deepEqual(lost, [], `${row.fault}: no review lost after a 2xx`);
  assert.ok(row.healMs <= HEAL_BOUND_MS, `${row.fault}: healed within ${HEAL_BOUND_MS} ms`);
}

test('database connection cut under load', async () => {
  await assertHeld(
    await underFault(
      'database connection cut',
      () => proxy.cut(),
      () => proxy.restore(),
    ),
  );
});

test('database paused (bytes held, then delivered) under load', async () => {
  await assertHeld(
    await underFault(
      'database paused',
      () => proxy.setFault({ kind: 'stall' }),
      () => proxy.setFault(PASS),
    ),
  );
});

test('database black-holed: old connections dead forever, new ones work', async () => {
  await assertHeld(
    await underFault(
      'database paused, bytes in flight dropped (NAT or failover)',
      () => proxy.setFault({ kind: 'blackhole' }),
      () => proxy.setFault(PASS, 'new'),
    ),
  );
});

after(() => {
  const lines = [
    '| fault (10 s, under load) | answers | non-2xx | 500 | 503 | client timeouts | slowest | reviews answered 503, retried with their key, saved once | health 200 again after |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.fault} | ${r.answers} | ${r.non2xx} | ${r.http500} | ${r.http503} | ${r.timeouts} | ${(r.slowestMs / 1000).toFixed(1)} s | ${r.reviews5xxButSaved} | ${(r.healMs / 1000).toFixed(1)} s |`,
    ),
  ];
  console.log(`\n${lines.join('\n')}\n`);
});
