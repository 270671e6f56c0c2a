import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { quantileMs } from '@/lib/cache';
import { createCacheMetricsRegistry } from '@/lib/cache/metrics';
import { keysMatching, redisForTest } from '../support/redis';
import { countingLoader, testCache, urlSchema } from './fixtures';

describe('statistics and Prometheus metrics', () => {
  let redis: Awaited<ReturnType<typeof redisForTest>>;
  let first: ReturnType<typeof testCache>;
  let second: ReturnType<typeof testCache>;
  before(async () => {
    redis = await redisForTest('stats');
    first = testCache(redis.prefix, { instanceId: 'first', l1: { maxEntries: 3 } });
    second = testCache(redis.prefix, { instanceId: 'second' });
  });
  after(async () => {
    await Promise.all([first.close(), second.close()]);
    await redis.cleanup();
  });

  it('counts per namespace and tier in memory, and flushes fleet-wide per-minute buckets to Redis', async () => {
    const loader = countingLoader((call) => ({ url: `u${call}` }), 5);
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      await first.getOrSet({ namespace: 'tts', key, schema: urlSchema, loader }); // miss → loader
    }
    await first.getOrSet({ namespace: 'tts', key: 'e', schema: urlSchema, loader }); // l1 hit
    await second.getOrSet({ namespace: 'tts', key: 'a', schema: urlSchema, loader }); // l2 hit
    await first.invalidateTag('tts', 'unused');
    await assert.rejects(
      first.getOrSet({
        namespace: 'ai',
        key: 'x',
        schema: urlSchema,
        loader: async () => Promise.reject(new Error('no')),
      }),
    );

    const local = first.stats.snapshot().namespaces;
    assert.deepEqual(local.tts.l1, { hit: 1, miss: 5, stale: 0 });
    assert.deepEqual(local.tts.l2, { hit: 0, miss: 5, stale: 0 });
    assert.deepEqual(local.tts.reads, { hit: 1, miss: 5, stale: 0 }, 'six reads, each once');
    assert.deepEqual(local.ai.reads, { hit: 0, miss: 1, stale: 0 }, 'a failed load is a miss');
    assert.equal(local.tts.loaderCalls, 5);
    assert.equal(local.tts.l1Evictions, 2, 'L1 holds 3 entries: writing 5 evicts 2');
    assert.equal(local.tts.invalidations, 1);
    assert.equal(local.ai.loaderErrors, 1);
    assert.equal(local.tts.loaderLatency.count, 5);
    // The loader waits 5 ms: its median lies past the 2 ms bound, within the 10 ms bucket.
    const median = quantileMs(local.tts.loaderLatency, 0.5) ?? 0;
    assert.ok(median > 2 && median <= 10, `median ${median} ms`);

    await Promise.all([first.stats.flush(), second.stats.flush()]);
    const history = await first.stats.history({ namespace: 'tts', minutes: 2 });
    const sum = (pick: (bucket: (typeof history)[number]) => number) =>
      history.reduce((total, bucket) => total + pick(bucket), 0);
    assert.equal(
      sum((bucket) => bucket.counters.loaderCalls),
      5,
    );
    assert.equal(
      sum((bucket) => bucket.counters.l2.hit),
      1,
      'the other instance counted its L2 hit into the same buckets',
    );
    assert.equal(
      sum((bucket) => bucket.counters.l1.hit),
      1,
    );
    assert.equal(
      sum((bucket) => bucket.counters.reads.hit),
      2,
      'both instances counted their reads into the same buckets',
    );
    assert.equal(
      sum((bucket) => bucket.counters.loaderLatency.count),
      5,
    );
    const [bucketKey] = await keysMatching(redis.client, `${redis.prefix}:_stats:*:tts`);
    assert.ok(bucketKey);
    const ttl = await redis.client.ttl(bucketKey);
    assert.ok(ttl > 24 * 3600 && ttl <= 25 * 3600, `bucket ttl ${ttl}`);
    assert.equal(await first.stats.keyCount('tts'), 5);

    await first.stats.reset();
    assert.deepEqual(await first.stats.history({ minutes: 2 }), []);
    assert.equal(first.stats.snapshot().namespaces.tts.loaderCalls, 0);
  });

  it('exposes the Prometheus series with bounded labels', async () => {
    await first.getOrSet({
      namespace: 'progress',
      key: 'p',
      schema: urlSchema,
      loader: async () => ({ url: 'p' }),
    });
    await first.getOrSet({
      namespace: 'progress',
      key: 'p',
      schema: urlSchema,
      loader: async () => ({ url: 'p' }),
    });
    const text = await createCacheMetricsRegistry(first).metrics();
    for (const series of [
      'cache_requests_total{namespace="progress",tier="l1",result="hit"} 1',
      'cache_requests_total{namespace="progress",tier="l1",result="miss"} 1',
      'cache_reads_total{namespace="progress",result="hit"} 1',
      'cache_reads_total{namespace="progress",result="miss"} 1',
      'cache_reads_total{namespace="progress",result="stale"} 0',
      'cache_loader_calls_total{namespace="progress"} 1',
      'cache_loader_errors_total{namespace="progress"} 0',
      'cache_invalidations_total{namespace="tts"} 0',
      'cache_coalesced_total{namespace="progress"} 0',
      'cache_stale_served_total{namespace="progress"} 0',
      'cache_l1_evictions_total{namespace="tts"}',
      'cache_loader_duration_seconds_bucket{namespace="progress",le="+Inf"} 1',
      'cache_loader_duration_seconds_count{namespace="progress"} 1',
      'cache_redis_up 1',
      'cache_breaker_state{state="closed"} 1',
    ]) {
      assert.ok(text.includes(series), `missing ${series}`);
    }
    assert.ok(!text.includes('key="'), 'no per-key labels');
  });
});
