import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { z } from 'zod';
import { createCacheMetricsRegistry } from '@/lib/cache/metrics';
import { redisForTest } from '../support/redis';
import { countingLoader, currentKeys, sleep, testCache, testPolicies, urlSchema } from './fixtures';

/** The smaller promises of issue 9: copies in L1, close(), getMany, undefined. */
describe('small guarantees', () => {
  let redis: Awaited<ReturnType<typeof redisForTest>>;
  let cache: ReturnType<typeof testCache>;
  let noL1: ReturnType<typeof testCache>;
  before(async () => {
    redis = await redisForTest('small');
    cache = testCache(redis.prefix);
    noL1 = testCache(redis.prefix, { l1: { maxEntries: 0 } });
    await Promise.all([cache.ready(), noL1.ready()]);
  });
  after(async () => {
    await Promise.all([cache.close(), noL1.close()]);
    await redis.cleanup();
  });

  it('set() keeps a JSON copy in L1: a later mutation does not leak in, a Date reads as from L2', async () => {
    const value = { url: 'original', at: new Date(0) };
    await cache.set({ namespace: 'tts', key: 'copy', value });
    value.url = 'mutated';
    const schema = z.object({ url: z.string(), at: z.string() });
    const local = await cache.get({ namespace: 'tts', key: 'copy', schema });
    const remote = await noL1.get({ namespace: 'tts', key: 'copy', schema });
    assert.equal(local?.tier, 'l1');
    assert.deepEqual(local?.value, { url: 'original', at: '1970-01-01T00:00:00.000Z' });
    assert.deepEqual(local?.value, remote?.value);
  });

  it('a fill keeps a JSON copy in L1 too: for another schema, a mutated loader object does not leak in', async () => {
    const value = { url: 'original', at: new Date(0) };
    const filled = await cache.getOrSet({
      namespace: 'tts',
      key: 'fill-copy',
      schema: z.object({ url: z.string(), at: z.date() }),
      loader: async () => value,
    });
    value.url = 'mutated';
    const schema = z.object({ url: z.string(), at: z.string() });
    const local = await cache.get({ namespace: 'tts', key: 'fill-copy', schema });
    const remote = await noL1.get({ namespace: 'tts', key: 'fill-copy', schema });
    assert.equal(filled.tier, 'loader');
    assert.equal(local?.tier, 'l1');
    assert.deepEqual(local?.value, { url: 'original', at: '1970-01-01T00:00:00.000Z' });
    assert.deepEqual(local?.value, remote?.value);
  });

  it('close() fails a call whose loader ignores its abort signal at once, not at the hard timeout', async () => {
    const closing = testCache(redis.prefix, {
      namespaces: { ...testPolicies, progress: { ttlMs: 1000, hardTimeoutMs: 20_000 } },
    });
    await closing.ready();
    const pending = closing.getOrSet({
      namespace: 'progress',
      key: 'ignores-abort',
      schema: urlSchema,
      loader: () => new Promise<never>(() => {}),
    });
    pending.catch(() => {});
    await sleep(50);
    const started = Date.now();
    await closing.close();
    await assert.rejects(pending);
    const waited = Date.now() - started;
    assert.ok(waited < 10_000, `the call waited ${waited} ms for its 20 s hard timeout`);
  });

  it('getMany looks a repeated key up once', async () => {
    await cache.set({ namespace: 'tts', key: 'many-a', value: { url: 'a' } });
    await cache.set({ namespace: 'tts', key: 'many-b', value: { url: 'b' } });
    const before = noL1.stats.snapshot().namespaces.tts.l2.hit;
    const found = await noL1.getMany({
      namespace: 'tts',
      keys: ['many-a', 'many-a', 'many-b'],
      schema: urlSchema,
    });
    assert.deepEqual(Object.fromEntries(found), { 'many-a': { url: 'a' }, 'many-b': { url: 'b' } });
    assert.equal(noL1.stats.snapshot().namespaces.tts.l2.hit - before, 2);
  });

  it('getMany looks a value that is stale in L1 up in L2, where another instance refreshed it', async () => {
    const shortLived = testCache(redis.prefix, {
      namespaces: { ...testPolicies, tts: { ttlMs: 100, graceMs: 60_000, jitter: 0 } },
    });
    await shortLived.ready();
    const key = { namespace: 'tts' as const, key: 'many-stale', schema: urlSchema };
    await shortLived.getOrSet({ ...key, loader: async () => ({ url: 'v1' }) });
    await sleep(150);
    // Refreshed by someone whose bus message this instance has not seen (written straight to L2).
    const now = Date.now();
    const entryKey = await (
      await currentKeys(redis.client, redis.prefix)
    ).entry('tts', 'many-stale');
    const refreshed = { f: 'elsewhere.1', v: 2, value: { url: 'v2' }, createdAt: now };
    await redis.client.set(
      entryKey,
      JSON.stringify({ ...refreshed, freshUntil: now + 60_000, staleUntil: now + 120_000 }),
      'PX',
      120_000,
    );
    const found = await shortLived.getMany({ ...key, keys: ['many-stale'] });
    await shortLived.close();
    assert.equal(found.get('many-stale')?.url, 'v2');
  });

  it('a loader returning undefined: .optional() gets undefined back (from L1 and L2), .nullable() gets null', async () => {
    const optional = z.string().optional();
    const first = await cache.getOrSet({
      namespace: 'tts',
      key: 'undefined-optional',
      schema: optional,
      loader: async () => undefined,
    });
    assert.equal(first.value, undefined);
    const again = countingLoader(() => 'not called');
    const fromL1 = await cache.getOrSet({
      namespace: 'tts',
      key: 'undefined-optional',
      schema: optional,
      loader: again,
    });
    const fromL2 = await noL1.getOrSet({
      namespace: 'tts',
      key: 'undefined-optional',
      schema: optional,
      loader: again,
    });
    assert.deepEqual([fromL1.value, fromL1.tier], [undefined, 'l1']);
    assert.deepEqual([fromL2.value, fromL2.tier], [undefined, 'l2']);
    assert.equal(again.calls, 0);
    const nullable = await cache.getOrSet({
      namespace: 'tts',
      key: 'undefined-nullable',
      schema: z.string().nullable(),
      loader: async () => undefined as unknown as string,
    });
    assert.equal(nullable.value, null);
  });

  it('cache_stale_served_total counts a stale value once when it is served once', async () => {
    const swrOff = testCache(redis.prefix, {
      namespaces: {
        ...testPolicies,
        ai: {
          ttlMs: 100,
          graceMs: 60_000,
          jitter: 0,
          staleWhileRevalidate: false,
          softTimeoutMs: 50,
        },
      },
    });
    await swrOff.ready();
    const key = { namespace: 'ai' as const, key: 'stale-once', schema: urlSchema };
    await swrOff.getOrSet({ ...key, loader: async () => ({ url: 'first' }) });
    await sleep(150);
    const slow = async () => {
      await sleep(300);
      return { url: 'late' };
    };
    const result = await swrOff.getOrSet({ ...key, loader: slow });
    assert.deepEqual([result.value.url, result.status], ['first', 'stale']);
    const text = await createCacheMetricsRegistry(swrOff).metrics();
    await swrOff.close();
    assert.ok(text.includes('cache_stale_served_total{namespace="ai"} 1'), text);
  });

  it('the L1 byte bound is a bound on heap, not on encoded bytes', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const maxBytes = 8 * 1024 * 1024;
    const bounded = testCache(redis.prefix, { l1: { maxBytes, maxEntries: 100_000 } });
    await bounded.ready();
    const schema = z.object({ words: z.array(z.object({ w: z.string(), n: z.number() })) });
    const value = (index: number) => ({
      words: Array.from({ length: 40 }, (_, n) => ({ w: `word-${index}-${n}`, n })),
    });
    gc();
    const before = process.memoryUsage().heapUsed;
    // About 4.5 MB of JSON: kept whole, its decoded trees would take several times maxBytes.
    for (let index = 0; index < 4000; index += 1) {
      await bounded.getOrSet({
        namespace: 'tts',
        key: `heap-${index}`,
        schema,
        loader: async () => value(index),
      });
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    await bounded.close();
    assert.ok(grown < 1.5 * maxBytes, `L1 bounded to ${maxBytes} bytes grew the heap by ${grown}`);
  });
});
