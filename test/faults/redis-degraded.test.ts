import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Redis } from 'ioredis';
import { keyLayout } from '@/lib/cache/keys';
import {
  describe,
  eventually,
  FAULT_PORTS,
  http,
  learnerCookie,
  seededLesson,
  synthesize,
  type HttpResult,
  startAppOnItsOwnRedis,
  type AppOnItsOwnRedis,
} from './fixtures';

/**
 * Redis that is there but unhelpful: paused (every command blocks), restarted with nothing in
 * it, or out of memory. Learners must still get their answers.
 */

// Commands time out after 250 ms and the breaker then skips Redis; a request that waited on a
// paused Redis would take the whole pause (set far longer than this bound).
const DEGRADED_LATENCY_BOUND_MS = 5_000;

let faultApp: AppOnItsOwnRedis;
let db: AppOnItsOwnRedis['db'];
let redis: AppOnItsOwnRedis['redis'];
let control: Redis;
let app: AppOnItsOwnRedis['app'];
let prefix: string;

before(async () => {
  faultApp = await startAppOnItsOwnRedis(FAULT_PORTS.redisDegraded, 'fault-deg');
  ({ db, redis, app, prefix } = faultApp);
  control = new Redis(redis.url, { lazyConnect: true });
  control.on('error', () => {});
});

after(async () => {
  control?.disconnect();
  await faultApp?.stop();
});

/** One of each kind of learner request, each with its own learner and a phrase of its own. */
async function learnerRound(label: string): Promise<[string, HttpResult][]> {
  const lesson = await seededLesson(db.prisma);
  const { cookie } = learnerCookie();
  const phraseId = lesson.phrases[0]!.id;
  return Promise.all([
    http(app, '/', { cookie }).then((r) => ['GET /', r] as [string, HttpResult]),
    http(app, `/lessons/${lesson.slug}`, { cookie }).then(
      (r) => ['GET lesson', r] as [string, HttpResult],
    ),
    synthesize(app, `${label}新词`, cookie).then(
      (r) => ['POST /api/tts (cold)', r] as [string, HttpResult],
    ),
    synthesize(app, lesson.phrases[1]!.hanzi, cookie).then(
      (r) => ['POST /api/tts (warm)', r] as [string, HttpResult],
    ),
    http(app, '/api/reviews', { cookie, json: { phraseId, rating: 3 } }).then(
      (r) => ['POST /api/reviews', r] as [string, HttpResult],
    ),
    http(app, '/api/progress', { cookie }).then(
      (r) => ['GET /api/progress', r] as [string, HttpResult],
    ),
  ]);
}

function assertAnswered(results: [string, HttpResult][], situation: string) {
  for (const [what, result] of results) {
    assert.equal(result.status, 200, describe(result, `${what} (${situation})`));
    assert.ok(
      result.ms < DEGRADED_LATENCY_BOUND_MS,
      describe(result, `${what} bounded (${situation})`),
    );
  }
}

test('Redis paused (CLIENT PAUSE): requests are answered in bounded time', async () => {
  assertAnswered(await learnerRound('暂停前'), 'before the pause');
  await control.connect();
  await control.call('CLIENT', 'PAUSE', '15000', 'ALL');
  try {
    assertAnswered(await learnerRound('暂停中'), 'Redis paused');
  } finally {
    await control.call('CLIENT', 'UNPAUSE');
  }
  await eventually(async () => {
    const health = await http(app, '/api/health');
    return JSON.parse(health.text).redis === 'up';
  }, 'Redis reported up after the pause');
  assertAnswered(await learnerRound('暂停后'), 'after the pause');
});

test('Redis restarted empty: requests are answered and the cache refills', async () => {
  assertAnswered(await learnerRound('重启前'), 'before the restart');
  control.disconnect();
  await redis.restart();
  assertAnswered(await learnerRound('重启后'), 'right after an empty restart');
  const fresh = new Redis(redis.url);
  try {
    await eventually(async () => {
      const phrase = `重启后第${Date.now()}句`;
      const first = await synthesize(app, phrase);
      const second = await synthesize(app, phrase);
      const keys = await fresh.keys(`${prefix}:tts:*`);
      return first.status === 200 && second.headers.get('x-cache') === 'HIT' && keys.length > 0;
    }, 'TTS entries written to the restarted Redis');
  } finally {
    fresh.disconnect();
  }
});

/** Bytes Redis holds beyond its limit in the "Redis full" test (see there). */
const FULL_BY_BYTES = 256 * 1024;

async function usedMemory(client: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await client.info('memory'))![1]);
}

test('Redis full: with noeviction writes are refused, with volatile-lru entries evicted; requests answered', async () => {
  const admin = new Redis(redis.url);
  const layout = keyLayout(prefix);
  const entryKeys = async () => new Set(await admin.keys(`${prefix}:tts:*`));
  const newEntries = async (before: Set<string>) =>
    [...(await entryKeys())].filter((key) => !before.has(key));
  try {
    // After the empty restart the cache has made itself a new keyspace generation.
    await eventually(
      async () => (await admin.get(layout.epoch)) !== null,
      'the cache keyspace generation recreated after the restart',
    );
    // Version keys exist once a namespace has been invalidated: neither they nor the generation
    // may ever be evicted (they carry no TTL).
    const metaKeys = [
      layout.epoch,
      ...['tts', 'progress', 'config'].map((namespace) => layout.namespaceVersion(namespace)),
    ];
    for (const key of metaKeys.slice(1)) await admin.incr(key);
    const metaBefore = await admin.mget(metaKeys);
    assert.ok(
      metaBefore.every((value) => value !== null),
      'version keys and generation exist',
    );
    // Expiring ballast, as a busy shared Redis holds, and a limit below what Redis holds: full.
    // (Writing up to the limit leaves Redis about 35 KB short of it, as the refused write's own
    // buffers are freed: a round of cache writes may or may not use that up, so whether anything
    // had to be evicted was left to chance.)
    const ballast = 'x'.repeat(16 * 1024);
    for (let index = 0; index < 256; index += 1)
      await admin.set(`ballast:${index}`, ballast, 'EX', 600);
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    await admin.config('SET', 'maxmemory', String((await usedMemory(admin)) - FULL_BY_BYTES));

    const beforeNoEviction = await entryKeys();
    assertAnswered(await learnerRound('满了'), 'Redis full, noeviction');
    assert.deepEqual(
      await newEntries(beforeNoEviction),
      [],
      'noeviction: Redis refused every cache write',
    );

    await admin.config('SET', 'maxmemory-policy', 'volatile-lru');
    const beforeEviction = await entryKeys();
    assertAnswered(await learnerRound('满了又淘汰'), 'Redis full, volatile-lru');
    await eventually(async () => {
      const phrase = `淘汰策略${Date.now()}`;
      const first = await synthesize(app, phrase);
      assert.equal(first.status, 200);
      return (await newEntries(beforeEviction)).length > 0;
    }, 'cache entries written to the full Redis once it may evict');
    const { evicted_keys: evicted } = Object.fromEntries(
      (await admin.info('stats')).split('\r\n').map((line) => line.split(':')),
    ) as Record<string, string>;
    assert.ok(Number(evicted) > 0, 'ballast was evicted to make room');
    assert.deepEqual(
      await admin.mget(metaKeys),
      metaBefore,
      'volatile-lru never evicts version keys or the keyspace generation',
    );
  } finally {
    await admin.config('SET', 'maxmemory', '0');
    admin.disconnect();
  }
});
