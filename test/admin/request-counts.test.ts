import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { summarizeBuckets } from '@/lib/admin/stats-summary';
import { currentKeys, eventually, testCache, testPolicies, urlSchema } from '../cache/fixtures';
import { redisForTest } from '../support/redis';

/**
 * The dashboard's request counts, end to end on real Redis: one read is one request, counted by
 * the answer its caller got, however many tiers it looked at on the way.
 */
describe('dashboard request counts', () => {
  let redis: Awaited<ReturnType<typeof redisForTest>>;
  let reader: ReturnType<typeof testCache>;
  let writer: ReturnType<typeof testCache>;
  // Short freshness, long grace, no SWR: a stale L1 entry makes the read ask L2 (then the loader).
  const namespaces = {
    ...testPolicies,
    tts: { ttlMs: 100, graceMs: 60_000, jitter: 0, staleWhileRevalidate: false },
    progress: { ttlMs: 100, graceMs: 60_000, jitter: 0 },
  };
  before(async () => {
    redis = await redisForTest('requests');
    reader = testCache(redis.prefix, { instanceId: 'reader', namespaces });
    writer = testCache(redis.prefix, { instanceId: 'writer', namespaces });
    await Promise.all([reader.ready(), writer.ready()]);
  });
  after(async () => {
    await Promise.all([reader.close(), writer.close()]);
    await redis.cleanup();
  });

  /** The reader holds `key` in L1 and L2, both past freshness (and within grace). */
  async function staleEverywhere(key: string, namespace: 'tts' | 'progress' = 'tts') {
    await reader.getOrSet({
      namespace,
      key,
      schema: urlSchema,
      loader: async () => ({ url: 'old' }),
    });
    // L1 keeps the envelope L2 has, so L2 saying stale means L1 is stale too.
    await eventually(async () => (await reader.inspect(namespace, key))?.stale === true);
  }

  /** The dashboard's last-5-minutes window over the reader's flushed buckets. */
  async function dashboardWindow(namespace: 'tts' | 'progress' = 'tts') {
    await reader.stats.flush();
    const buckets = await reader.stats.history({ namespace, minutes: 5 });
    return summarizeBuckets(buckets, Date.now()).windows.last5m;
  }

  it('a stale L1 entry answered fresh by L2 is one request and one hit', async () => {
    await staleEverywhere('l2-fresh');
    // Another instance refreshes L2 (fresh for a minute); fills do not broadcast, so the
    // reader's L1 stays stale.
    const refreshed = async () => ({ url: 'new' });
    await writer.getOrSet({
      namespace: 'tts',
      key: 'l2-fresh',
      schema: urlSchema,
      loader: refreshed,
      forceFresh: true,
      ttlMs: 60_000,
    });
    await reader.stats.reset();

    const result = await reader.getOrSet({
      namespace: 'tts',
      key: 'l2-fresh',
      schema: urlSchema,
      loader: refreshed,
    });
    assert.deepEqual([result.value.url, result.status, result.tier], ['new', 'hit', 'l2']);
    const window = await dashboardWindow();
    assert.deepEqual([window.hits, window.misses, window.stale], [1, 0, 0]);
    assert.equal(window.hitRate, 1);
  });

  it('a stale L1 entry missing from L2 and loaded is one request, counted as what the caller got', async () => {
    await staleEverywhere('l2-gone');
    const keys = await currentKeys(redis.client, redis.prefix);
    await redis.client.del(await keys.entry('tts', 'l2-gone'));
    await reader.stats.reset();

    const result = await reader.getOrSet({
      namespace: 'tts',
      key: 'l2-gone',
      schema: urlSchema,
      loader: async () => ({ url: 'loaded' }),
    });
    assert.deepEqual([result.value.url, result.status], ['loaded', 'miss']);
    const window = await dashboardWindow();
    assert.deepEqual([window.hits, window.misses, window.stale], [0, 1, 0]);
    assert.equal(window.hitRate, 0);
  });

  it('getMany, get, joined flights and SWR refreshes count one request per read', async () => {
    await staleEverywhere('swr', 'progress');
    await staleEverywhere('many-stale');
    const refreshed = async () => ({ url: 'new' });
    const fresh = {
      namespace: 'tts' as const,
      schema: urlSchema,
      loader: refreshed,
      ttlMs: 60_000,
    };
    await writer.getOrSet({ ...fresh, key: 'many-stale', forceFresh: true });
    await reader.getOrSet({ ...fresh, key: 'many-fresh' });
    await reader.stats.reset();

    // Fresh in L1, stale in L1 but fresh in L2, absent (twice): three reads, two hits.
    const keys = ['many-fresh', 'many-stale', 'absent', 'absent'];
    const many = await reader.getMany({ namespace: 'tts', keys, schema: urlSchema });
    assert.equal(many.size, 2);
    assert.equal(
      await reader.get({ namespace: 'tts', key: 'absent', schema: urlSchema }),
      undefined,
    );
    // Three callers of one load: three reads that each waited for the loader.
    const loader = async () => ({ url: 'joined' });
    const joined = await Promise.all(
      [1, 2, 3].map(() =>
        reader.getOrSet({ namespace: 'tts', key: 'joined', schema: urlSchema, loader }),
      ),
    );
    assert.deepEqual(
      joined.map((result) => result.status),
      ['miss', 'miss', 'miss'],
    );
    let tts = await dashboardWindow();
    assert.deepEqual([tts.hits, tts.misses, tts.stale], [2, 5, 0]);

    // Served stale at once; the refresh behind it reads L2 and loads for nobody: not a read.
    const swr = await reader.getOrSet({ ...fresh, namespace: 'progress', key: 'swr' });
    assert.equal(swr.status, 'stale');
    await eventually(async () => (await reader.inspect('progress', 'swr'))?.stale === false);
    const progress = await dashboardWindow('progress');
    assert.deepEqual([progress.hits, progress.misses, progress.stale], [0, 0, 1]);
    tts = await dashboardWindow();
    assert.equal(tts.hits + tts.misses + tts.stale, 7);
  });
});
