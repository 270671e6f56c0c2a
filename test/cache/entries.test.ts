import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { CacheKeyError } from '@/lib/cache';
import { ENVELOPE_VERSION } from '@/lib/cache/envelope';
import { keysMatching, redisForTest } from '../support/redis';
import { countingLoader, currentKeys, sleep, testCache, urlSchema } from './fixtures';

describe('entries: keys, envelope, validation, values, TTLs', () => {
  let redis: Awaited<ReturnType<typeof redisForTest>>;
  let cache: ReturnType<typeof testCache>;
  let reader: ReturnType<typeof testCache>;
  before(async () => {
    redis = await redisForTest('entries');
    cache = testCache(redis.prefix);
    // A second instance with L1 off reads straight from Redis: proves what L2 holds.
    reader = testCache(redis.prefix, { l1: { maxEntries: 0 } });
  });
  after(async () => {
    await cache.close();
    await reader.close();
    await redis.cleanup();
  });

  it('rejects keys with whitespace, control, glob characters or excessive length, with a typed error', async () => {
    const loader = countingLoader(() => ({ url: 'u' }));
    for (const key of [
      'a b',
      'tab\there',
      'new\nline',
      'star*',
      'q?',
      '[x]',
      'x'.repeat(600),
      '',
      'nul\u0000',
    ]) {
      await assert.rejects(
        cache.getOrSet({ namespace: 'tts', key, schema: urlSchema, loader }),
        (error) => error instanceof CacheKeyError,
        `key ${JSON.stringify(key.slice(0, 20))} should be rejected`,
      );
    }
    assert.equal(loader.calls, 0);
    const ok = await cache.getOrSet({
      namespace: 'tts',
      key: 'voice:cmn/你好-1',
      schema: urlSchema,
      loader,
    });
    assert.equal(ok.value.url, 'u');
  });

  it('stores under `${prefix}:{namespace}:...` in Redis', async () => {
    await cache.set({ namespace: 'tts', key: 'layout', value: { url: 'l' } });
    const keys = await keysMatching(redis.client, `${redis.prefix}:tts:*layout`);
    assert.equal(keys.length, 1);
    assert.ok(keys[0]?.startsWith(`${redis.prefix}:tts:`));
  });

  it('round-trips null, 0, "", false and nested values through L1 and L2', async () => {
    const values: unknown[] = [null, 0, '', false, { nested: [1, 'two', null] }];
    for (const [index, value] of values.entries()) {
      const schema = z.unknown();
      const loader = countingLoader(() => value);
      const first = await cache.getOrSet({
        namespace: 'progress',
        key: `falsy-${index}`,
        schema,
        loader,
      });
      assert.deepEqual(first.value, value);
      const l1 = await cache.getOrSet({
        namespace: 'progress',
        key: `falsy-${index}`,
        schema,
        loader,
      });
      assert.deepEqual([l1.value, l1.status, l1.tier], [value, 'hit', 'l1']);
      const l2 = await reader.getOrSet({
        namespace: 'progress',
        key: `falsy-${index}`,
        schema,
        loader,
      });
      assert.deepEqual([l2.value, l2.status, l2.tier], [value, 'hit', 'l2']);
      assert.equal(loader.calls, 1, `value ${JSON.stringify(value)} must be cached, not reloaded`);
    }
  });

  it('treats an entry from an older envelope version as a miss: deleted, counted, reloaded', async () => {
    await reader.ready();
    const key = await (await currentKeys(redis.client, redis.prefix)).entry('tts', 'old-format');
    await redis.client.set(
      key,
      JSON.stringify({
        v: ENVELOPE_VERSION - 1,
        data: { url: 'old' },
        expires: Date.now() + 60_000,
      }),
    );
    const before = reader.stats.snapshot().namespaces.tts.corrupt;
    const loader = countingLoader(() => ({ url: 'new' }));
    const result = await reader.getOrSet({
      namespace: 'tts',
      key: 'old-format',
      schema: urlSchema,
      loader,
    });
    assert.deepEqual([result.value.url, result.tier], ['new', 'loader']);
    assert.equal(reader.stats.snapshot().namespaces.tts.corrupt, before + 1);
    const stored = JSON.parse((await redis.client.get(key)) ?? '{}');
    assert.equal(stored.v, ENVELOPE_VERSION);
  });

  it('treats corrupt bytes and schema-incompatible values as misses, never a crash', async () => {
    await reader.ready();
    const corruptKey = await (
      await currentKeys(redis.client, redis.prefix)
    ).entry('tts', 'corrupt');
    await redis.client.set(corruptKey, Buffer.from([0xff, 0x00, 0x7b, 0x22]));
    await reader.set({ namespace: 'tts', key: 'wrong-shape', value: { href: 'not-a-url-field' } });
    for (const key of ['corrupt', 'wrong-shape']) {
      const loader = countingLoader(() => ({ url: `fixed-${key}` }));
      const result = await reader.getOrSet({ namespace: 'tts', key, schema: urlSchema, loader });
      assert.equal(result.value.url, `fixed-${key}`);
      assert.equal(loader.calls, 1);
    }
    assert.equal(
      await reader.get({ namespace: 'tts', key: 'never-written', schema: urlSchema }),
      undefined,
    );
  });

  it('refuses to cache a loader result that does not match the schema', async () => {
    const loader = async () => ({ url: 42 }) as unknown as { url: string };
    await assert.rejects(
      reader.getOrSet({ namespace: 'tts', key: 'bad-loader', schema: urlSchema, loader }),
      {
        name: 'CacheLoaderError',
      },
    );
    const badKey = await (await currentKeys(redis.client, redis.prefix)).entry('tts', 'bad-loader');
    assert.equal(await redis.client.exists(badKey), 0);
  });

  it('applies per-namespace TTLs, per-call overrides and jitter', async () => {
    await cache.getOrSet({
      namespace: 'progress',
      key: 'ttl-ns',
      schema: urlSchema,
      loader: async () => ({ url: 'p' }),
    });
    const nsTtl = (await cache.inspect('progress', 'ttl-ns'))?.ttlMs ?? 0;
    assert.ok(nsTtl > 13 * 60_000 && nsTtl <= 15 * 60_000, `progress ttl ${nsTtl}`);
    await cache.getOrSet({
      namespace: 'progress',
      key: 'ttl-call',
      schema: urlSchema,
      ttlMs: 5000,
      loader: async () => ({ url: 'p' }),
    });
    const callTtl = (await cache.inspect('progress', 'ttl-call'))?.ttlMs ?? 0;
    assert.ok(callTtl > 4000 && callTtl <= 5000, `override ttl ${callTtl}`);
    const ttls = new Set<number>();
    for (let index = 0; index < 20; index += 1) {
      await cache.set({ namespace: 'progress', key: `jitter-${index}`, value: { url: 'j' } });
      ttls.add(
        Math.round(((await cache.inspect('progress', `jitter-${index}`))?.ttlMs ?? 0) / 1000),
      );
    }
    assert.ok(
      ttls.size > 5,
      `20 entries written together should expire at spread-out times, got ${ttls.size} distinct`,
    );
  });

  it('caches negative (null) results with their own short TTL', async () => {
    const negative = testCache(redis.prefix, {
      namespaces: {
        tts: { ttlMs: 60_000, negativeTtlMs: 150 },
        ai: { ttlMs: 60_000 },
        progress: { ttlMs: 60_000 },
      },
    });
    const loader = countingLoader((call) => (call === 1 ? null : { url: 'found' }));
    const schema = urlSchema.nullable();
    assert.equal(
      (await negative.getOrSet({ namespace: 'tts', key: 'maybe', schema, loader })).value,
      null,
    );
    assert.equal(
      (await negative.getOrSet({ namespace: 'tts', key: 'maybe', schema, loader })).value,
      null,
    );
    assert.equal(loader.calls, 1);
    await sleep(200);
    assert.deepEqual(
      (await negative.getOrSet({ namespace: 'tts', key: 'maybe', schema, loader })).value,
      { url: 'found' },
    );
    const marked = await negative.getOrSet({
      namespace: 'tts',
      key: 'marked',
      schema: z.object({ found: z.boolean() }),
      loader: async ({ markNegative }) => {
        markNegative();
        return { found: false };
      },
    });
    assert.equal(marked.value.found, false);
    const ttl = (await negative.inspect('tts', 'marked'))?.ttlMs ?? Infinity;
    assert.ok(ttl <= 150, `negative ttl ${ttl}`);
    await negative.close();
  });
});
