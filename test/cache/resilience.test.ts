import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { startRedisServer, type RedisServer } from '../support/redis-server';
import { uniquePrefix } from '../support/redis';
import { countingLoader, eventually, sleep, testCache, urlSchema } from './fixtures';

const PORT = 7101;

describe('Redis trouble never hangs or breaks a request', () => {
  let server: RedisServer;
  let raw: Redis;
  before(async () => {
    server = await startRedisServer(PORT);
    raw = new Redis(server.url, { retryStrategy: () => 100, maxRetriesPerRequest: 0 });
    raw.on('error', () => {});
  });
  after(async () => {
    raw.disconnect();
    await server.stop();
  });

  const cacheOn = (url: string) =>
    testCache(uniquePrefix('res'), {
      redis: { mode: 'standalone', url },
      commandTimeoutMs: 200,
      breaker: { failureThreshold: 2, openMs: 300 },
    });

  it('keeps answering while the server is stopped and restarted mid-run, and recovers by itself', async () => {
    const cache = cacheOn(server.url);
    const loader = countingLoader((call) => ({ url: `loaded-${call}` }));
    const durations: number[] = [];
    const failures: unknown[] = [];
    let sawDown = false;
    let running = true;
    const worker = async (worker: number) => {
      for (let round = 0; running; round += 1) {
        const started = Date.now();
        try {
          await cache.getOrSet({
            namespace: 'tts',
            key: `k${(worker * 7 + round) % 20}`,
            schema: urlSchema,
            loader,
          });
        } catch (error) {
          failures.push(error);
        }
        durations.push(Date.now() - started);
        if (cache.health().redis === 'down') sawDown = true;
        await sleep(10);
      }
    };
    const workers = Promise.all([0, 1, 2, 3].map(worker));
    await sleep(400);
    await server.stop();
    await sleep(900);
    await server.start();
    await eventually(() => cache.health().redis === 'up', 5000);
    await sleep(300);
    running = false;
    await workers;
    assert.deepEqual(failures, []);
    assert.ok(sawDown, 'the outage was noticed');
    assert.ok(Math.max(...durations) < 1500, `slowest request ${Math.max(...durations)} ms`);
    // Back to normal: a new fill lands in the restarted Redis again.
    await cache.getOrSet({ namespace: 'tts', key: 'after-restart', schema: urlSchema, loader });
    const written = await raw.keys('*:tts:*:after-restart');
    assert.equal(written.length, 1);
    await cache.close();
  });

  it('CLIENT PAUSE (a slow Redis): requests fall back to the loader within the command timeout, the breaker opens and closes', async () => {
    const cache = cacheOn(server.url);
    const loader = countingLoader(() => ({ url: 'from-loader' }));
    await cache.getOrSet({ namespace: 'tts', key: 'warm', schema: urlSchema, loader });
    await raw.call('CLIENT', 'PAUSE', '1500', 'ALL');
    const states = new Set<string>();
    for (let index = 0; index < 8; index += 1) {
      const started = Date.now();
      const result = await cache.getOrSet({
        namespace: 'tts',
        key: `paused-${index}`,
        schema: urlSchema,
        loader,
      });
      assert.equal(result.value.url, 'from-loader');
      assert.ok(Date.now() - started < 900, `request took ${Date.now() - started} ms`);
      states.add(cache.health().breaker);
    }
    assert.ok(states.has('open'), 'the breaker opened while Redis was paused');
    const l1 = await cache.getOrSet({ namespace: 'tts', key: 'warm', schema: urlSchema, loader });
    assert.equal(l1.tier, 'l1', 'L1 keeps serving during the outage');
    await eventually(
      () => cache.health().breaker === 'closed' && cache.health().redis === 'up',
      5000,
    );
    const afterPause = await cache.getOrSet({
      namespace: 'tts',
      key: 'after-pause',
      schema: urlSchema,
      loader,
    });
    assert.equal(afterPause.value.url, 'from-loader');
    await cache.close();
  });

  it('starts and serves with nothing listening at all, with bounded latency', async () => {
    const cache = cacheOn('redis://127.0.0.1:7199');
    const loader = countingLoader(() => ({ url: 'no-redis' }));
    // The very first call: start-up must not make it wait for a connection that will not come.
    const started = Date.now();
    const first = await cache.getOrSet({ namespace: 'tts', key: 'k', schema: urlSchema, loader });
    assert.deepEqual([first.value.url, first.tier], ['no-redis', 'loader']);
    assert.ok(Date.now() - started < 1000, `first call took ${Date.now() - started} ms`);
    for (let index = 0; index < 5; index += 1) {
      const started = Date.now();
      const result = await cache.getOrSet({
        namespace: 'tts',
        key: 'k',
        schema: urlSchema,
        loader,
      });
      assert.equal(result.value.url, 'no-redis');
      assert.ok(Date.now() - started < 2000);
    }
    assert.equal(loader.calls, 1, 'L1 still works without Redis');
    assert.deepEqual(
      cache.stats.snapshot().namespaces.tts.reads,
      { hit: 5, miss: 1, stale: 0 },
      'one read each, L2 never asked',
    );
    assert.equal(cache.health().redis, 'down');
    await cache.close();
  });

  it('after the bus subscriber reconnects, L1 is treated as suspect (messages may have been lost)', async () => {
    const cache = cacheOn(server.url);
    await cache.set({ namespace: 'tts', key: 'suspect', value: { url: 'before' } });
    assert.equal(
      (await cache.get({ namespace: 'tts', key: 'suspect', schema: urlSchema }))?.tier,
      'l1',
    );
    // Another instance's change whose bus message this instance never received:
    const [key] = await raw.keys('*:tts:*:suspect');
    assert.ok(key);
    const envelope = JSON.parse((await raw.get(key)) ?? '{}');
    await raw.set(
      key,
      JSON.stringify({ ...envelope, f: 'elsewhere.1', value: { url: 'after' } }),
      'KEEPTTL',
    );
    await raw.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
    await eventually(
      async () =>
        (await cache.get({ namespace: 'tts', key: 'suspect', schema: urlSchema }))?.value.url ===
        'after',
    );
    await cache.close();
  });
});
