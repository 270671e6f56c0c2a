import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { redisForTest } from '../support/redis';
import { countingLoader, currentKeys, testCache, urlSchema } from './fixtures';

describe('no stampede', () => {
  let redis: Awaited<ReturnType<typeof redisForTest>>;
  before(async () => {
    redis = await redisForTest('stampede');
  });
  after(() => redis.cleanup());

  it('500 concurrent getOrSet on a cold key call the loader once in one process', async () => {
    const cache = testCache(redis.prefix);
    const loader = countingLoader(() => ({ url: 'once' }), 50);
    const results = await Promise.all(
      Array.from({ length: 500 }, () =>
        cache.getOrSet({ namespace: 'tts', key: 'cold', schema: urlSchema, loader }),
      ),
    );
    assert.equal(loader.calls, 1);
    assert.ok(results.every((result) => result.value.url === 'once'));
    // The other 499 joined the load, or (on a cluster whose node connection opened late) read
    // its result from Redis: either way, counted as served by it.
    const counters = cache.stats.snapshot().namespaces.tts;
    assert.equal(counters.coalesced + counters.l2.hit, 499);
    await cache.close();
  });

  it('500 concurrent cold loads on distinct keys: each loaded once, and no process warning', async () => {
    const cache = testCache(redis.prefix);
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const loader = countingLoader(() => ({ url: 'distinct' }), 30);
      const results = await Promise.all(
        Array.from({ length: 500 }, (_, index) =>
          cache.getOrSet({ namespace: 'tts', key: `distinct-${index}`, schema: urlSchema, loader }),
        ),
      );
      assert.equal(loader.calls, 500);
      assert.ok(results.every((result) => result.tier === 'loader'));
      // Warnings are emitted on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(
        warnings.map((warning) => `${warning.name}: ${warning.message}`),
        [],
      );
    } finally {
      process.off('warning', onWarning);
      await cache.close();
    }
  });

  it('with a Redis lease, two instances x 250 concurrent requests call the loader once across both', async () => {
    const first = testCache(redis.prefix, { instanceId: 'first' });
    const second = testCache(redis.prefix, { instanceId: 'second' });
    const loader = countingLoader(() => ({ url: 'fleet-once' }), 100);
    const burst = (cache: typeof first) =>
      Array.from({ length: 250 }, () =>
        cache.getOrSet({ namespace: 'ai', key: 'cold-fleet', schema: urlSchema, loader }),
      );
    const results = await Promise.all([...burst(first), ...burst(second)]);
    assert.equal(loader.calls, 1);
    assert.ok(results.every((result) => result.value.url === 'fleet-once'));
    // The lease is released once the value is stored.
    const lease = await (await currentKeys(redis.client, redis.prefix)).lease('ai', 'cold-fleet');
    assert.equal(await redis.client.exists(lease), 0);
    await Promise.all([first.close(), second.close()]);
  });

  it('two instances started on a busy machine call the loader once across both', async () => {
    // A fleet that just started, with requests queued behind start-up work that blocks the event
    // loop: the requests must wait for the first connection rather than open the breaker and skip
    // the lease (a CI run once called the AI vendor twice this way).
    const first = testCache(redis.prefix, { instanceId: 'first', commandTimeoutMs: 250 });
    const second = testCache(redis.prefix, { instanceId: 'second', commandTimeoutMs: 250 });
    const busyUntil = Date.now() + 400;
    while (Date.now() < busyUntil) {
      // Synchronous start-up work (module loading, a cold JIT) holds the event loop.
    }
    try {
      const loader = countingLoader(() => ({ url: 'fleet-once' }), 100);
      const results = await Promise.all(
        [first, second].map((cache) =>
          cache.getOrSet({ namespace: 'ai', key: 'busy-start', schema: urlSchema, loader }),
        ),
      );
      assert.equal(loader.calls, 1);
      assert.deepEqual(results.map((result) => result.tier).sort(), ['l2', 'loader']);
      assert.deepEqual([first.health().breaker, second.health().breaker], ['closed', 'closed']);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('a lease loser whose winner never stores a value loads by itself after leaseWaitMs', async () => {
    const cache = testCache(redis.prefix, {
      namespaces: {
        tts: { ttlMs: 60_000 },
        ai: { ttlMs: 60_000, lease: true, leaseWaitMs: 200 },
        progress: { ttlMs: 1000 },
      },
    });
    // Someone else holds the lease and died.
    await cache.ready();
    const lease = await (await currentKeys(redis.client, redis.prefix)).lease('ai', 'orphan');
    await redis.client.set(lease, 'dead-holder', 'PX', 10_000);
    const loader = countingLoader(() => ({ url: 'self' }));
    const started = Date.now();
    const result = await cache.getOrSet({
      namespace: 'ai',
      key: 'orphan',
      schema: urlSchema,
      loader,
    });
    assert.equal(result.value.url, 'self');
    assert.equal(loader.calls, 1);
    assert.ok(Date.now() - started < 2000);
    await cache.close();
  });
});
