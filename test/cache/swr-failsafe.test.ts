import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CacheLoaderError, CacheLoaderTimeoutError } from '@/lib/cache';
import { redisForTest } from '../support/redis';
import { countingLoader, eventually, sleep, testCache, urlSchema } from './fixtures';

const shortLived = {
  tts: { ttlMs: 100, graceMs: 60_000, jitter: 0 },
  ai: {
    ttlMs: 100,
    graceMs: 60_000,
    jitter: 0,
    staleWhileRevalidate: false,
    softTimeoutMs: 100,
    hardTimeoutMs: 2000,
  },
  progress: { ttlMs: 100, graceMs: 0, jitter: 0, hardTimeoutMs: 150 },
};

describe('stale-while-revalidate and fail-safe', () => {
  let redis: Awaited<ReturnType<typeof redisForTest>>;
  let cache: ReturnType<typeof testCache>;
  before(async () => {
    redis = await redisForTest('swr');
    cache = testCache(redis.prefix, { namespaces: shortLived });
  });
  after(async () => {
    await cache.close();
    await redis.cleanup();
  });

  it('serves stale at once during grace and runs exactly one background refresh', async () => {
    const loader = countingLoader((call) => ({ url: `v${call}` }), 100);
    await cache.getOrSet({ namespace: 'tts', key: 'swr', schema: urlSchema, loader });
    await sleep(150);
    const started = Date.now();
    const stale = await Promise.all(
      Array.from({ length: 50 }, () =>
        cache.getOrSet({ namespace: 'tts', key: 'swr', schema: urlSchema, loader }),
      ),
    );
    assert.ok(Date.now() - started < 80, 'stale answers must not wait for the loader');
    assert.ok(stale.every((result) => result.status === 'stale' && result.value.url === 'v1'));
    await eventually(
      async () =>
        (await cache.get({ namespace: 'tts', key: 'swr', schema: urlSchema }))?.value.url === 'v2',
    );
    assert.equal(loader.calls, 2, 'one background refresh for 50 stale reads');
  });

  it('keeps serving stale when the refresh fails, and counts the error', async () => {
    let fail = false;
    const loader = async () => {
      if (fail) throw new Error('upstream down');
      return { url: 'good' };
    };
    await cache.getOrSet({ namespace: 'tts', key: 'failsafe', schema: urlSchema, loader });
    await sleep(150);
    fail = true;
    const errorsBefore = cache.stats.snapshot().namespaces.tts.loaderErrors;
    const result = await cache.getOrSet({
      namespace: 'tts',
      key: 'failsafe',
      schema: urlSchema,
      loader,
    });
    assert.deepEqual([result.value.url, result.status], ['good', 'stale']);
    await eventually(() => cache.stats.snapshot().namespaces.tts.loaderErrors === errorsBefore + 1);
    const again = await cache.getOrSet({
      namespace: 'tts',
      key: 'failsafe',
      schema: urlSchema,
      loader,
    });
    assert.equal(again.value.url, 'good');
  });

  it('without SWR, waits for the loader up to the soft timeout, then serves stale; the late value lands later', async () => {
    const loader = countingLoader((call) => ({ url: `ai${call}` }), 0);
    await cache.getOrSet({ namespace: 'ai', key: 'soft', schema: urlSchema, loader });
    await sleep(150);
    const slow = async () => {
      await sleep(400);
      return { url: 'late' };
    };
    const started = Date.now();
    const result = await cache.getOrSet({
      namespace: 'ai',
      key: 'soft',
      schema: urlSchema,
      loader: slow,
    });
    const waited = Date.now() - started;
    assert.deepEqual([result.value.url, result.status], ['ai1', 'stale']);
    assert.ok(waited >= 90 && waited < 350, `waited ${waited} ms`);
    await eventually(
      async () =>
        (await cache.get({ namespace: 'ai', key: 'soft', schema: urlSchema }))?.value.url ===
        'late',
    );
  });

  it('with a fresh-enough answer from the loader, fail-safe mode returns the new value', async () => {
    await sleep(150);
    const result = await cache.getOrSet({
      namespace: 'ai',
      key: 'soft',
      schema: urlSchema,
      loader: async () => ({ url: 'quick' }),
    });
    assert.deepEqual([result.value.url, result.status, result.tier], ['quick', 'miss', 'loader']);
  });

  it('aborts a loader at the hard timeout and throws a typed error when nothing stale exists', async () => {
    let aborted: unknown;
    const hanging = ({ signal }: { signal: AbortSignal }) =>
      new Promise<{ url: string }>((_, reject) => {
        signal.addEventListener('abort', () => {
          aborted = signal.reason;
          reject(signal.reason);
        });
      });
    const started = Date.now();
    await assert.rejects(
      cache.getOrSet({ namespace: 'progress', key: 'hang', schema: urlSchema, loader: hanging }),
      (error) => error instanceof CacheLoaderTimeoutError,
    );
    assert.ok(Date.now() - started < 1000);
    assert.ok(aborted instanceof CacheLoaderTimeoutError, 'the loader saw its AbortSignal fire');
    assert.equal(cache.stats.snapshot().namespaces.progress.loaderTimeouts, 1);
  });

  it('propagates a loader failure as CacheLoaderError (with cause) when nothing stale exists', async () => {
    const cause = new Error('boom');
    await assert.rejects(
      cache.getOrSet({
        namespace: 'progress',
        key: 'boom',
        schema: urlSchema,
        loader: async () => Promise.reject(cause),
      }),
      (error) =>
        error instanceof CacheLoaderError &&
        !(error instanceof CacheLoaderTimeoutError) &&
        error.cause === cause,
    );
  });

  it('forceFresh runs the loader even on a fresh entry', async () => {
    const loader = countingLoader((call) => ({ url: `f${call}` }));
    await cache.getOrSet({ namespace: 'tts', key: 'force', schema: urlSchema, loader });
    const forced = await cache.getOrSet({
      namespace: 'tts',
      key: 'force',
      schema: urlSchema,
      loader,
      forceFresh: true,
    });
    assert.deepEqual([forced.value.url, forced.tier, loader.calls], ['f2', 'loader', 2]);
  });
});
