import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { keysMatching, redisForTest } from '../support/redis';
import { countingLoader, currentKeys, eventually, sleep, testCache, urlSchema } from './fixtures';

describe('invalidation without scans, fenced fills, cross-instance coherence', () => {
  let redis: Awaited<ReturnType<typeof redisForTest>>;
  let first: ReturnType<typeof testCache>;
  let second: ReturnType<typeof testCache>;
  before(async () => {
    redis = await redisForTest('inval');
    first = testCache(redis.prefix, { instanceId: 'first' });
    second = testCache(redis.prefix, { instanceId: 'second' });
  });
  after(async () => {
    await Promise.all([first.close(), second.close()]);
    await redis.cleanup();
  });

  const read = (cache: typeof first, key: string, namespace: 'tts' | 'progress' = 'tts') =>
    cache.get({ namespace, key, schema: urlSchema });

  it('invalidates a whole namespace with one INCR, in both instances L1, without deleting keys', async () => {
    for (let index = 0; index < 500; index += 1) {
      await first.set({ namespace: 'progress', key: `n${index}`, value: { url: `old${index}` } });
    }
    await second.getOrSet({
      namespace: 'progress',
      key: 'n1',
      schema: urlSchema,
      loader: async () => ({ url: 'x' }),
    });
    // A bus message about n1 may still be arriving; a read that overlaps it is served, not kept.
    await eventually(async () => (await read(second, 'n1', 'progress'))?.tier === 'l1');
    const keysBefore = (await keysMatching(redis.client, `${redis.prefix}:*`)).length;
    await first.invalidateNamespace('progress');
    assert.equal(await read(first, 'n1', 'progress'), undefined);
    await eventually(async () => (await read(second, 'n1', 'progress')) === undefined);
    const { namespaceVersion } = await currentKeys(redis.client, redis.prefix);
    assert.equal(await redis.client.get(namespaceVersion('progress')), '1');
    assert.equal(
      await redis.client.ttl(namespaceVersion('progress')),
      -1,
      'version markers never expire',
    );
    assert.ok(
      (await keysMatching(redis.client, `${redis.prefix}:*`)).length >= keysBefore - 5,
      'old entries age out by TTL, nothing is scanned or deleted',
    );
    const fresh = await first.getOrSet({
      namespace: 'progress',
      key: 'n1',
      schema: urlSchema,
      loader: async () => ({ url: 'new' }),
    });
    assert.deepEqual([fresh.value.url, fresh.tier], ['new', 'loader']);
  });

  it('invalidates a tag in O(1): tagged entries miss everywhere, others stay', async () => {
    const load = (url: string) => async () => ({ url });
    await first.getOrSet({
      namespace: 'tts',
      key: 'lesson1-a',
      schema: urlSchema,
      tags: ['lesson1'],
      loader: load('a'),
    });
    await first.getOrSet({
      namespace: 'tts',
      key: 'lesson2-b',
      schema: urlSchema,
      tags: ['lesson2'],
      loader: load('b'),
    });
    assert.equal((await read(second, 'lesson1-a'))?.value.url, 'a');
    await second.invalidateTag('tts', 'lesson1');
    assert.equal(await read(second, 'lesson1-a'), undefined);
    await eventually(async () => (await read(first, 'lesson1-a')) === undefined);
    assert.equal((await read(first, 'lesson2-b'))?.value.url, 'b');
    const reloaded = await first.getOrSet({
      namespace: 'tts',
      key: 'lesson1-a',
      schema: urlSchema,
      tags: ['lesson1'],
      loader: load('a2'),
    });
    assert.equal(reloaded.value.url, 'a2');
    assert.equal((await read(second, 'lesson1-a'))?.value.url, 'a2');
  });

  it('delete removes a key everywhere; expire keeps it as stale for grace', async () => {
    await first.set({ namespace: 'tts', key: 'gone', value: { url: 'g' } });
    await first.set({ namespace: 'tts', key: 'expired', value: { url: 'e' } });
    assert.equal((await read(second, 'gone'))?.tier, 'l2');
    assert.equal((await read(second, 'expired'))?.tier, 'l2');
    await first.delete('tts', 'gone');
    await first.expire('tts', 'expired');
    assert.equal(await read(first, 'gone'), undefined);
    await eventually(async () => (await read(second, 'gone')) === undefined);
    await eventually(async () => (await read(second, 'expired'))?.status === 'stale');
    const loader = countingLoader(() => ({ url: 'refreshed' }));
    const stale = await second.getOrSet({
      namespace: 'tts',
      key: 'expired',
      schema: urlSchema,
      loader,
    });
    assert.deepEqual([stale.value.url, stale.status], ['e', 'stale']);
    await eventually(async () => (await read(first, 'expired'))?.value.url === 'refreshed');
    assert.equal(loader.calls, 1);
  });

  it('a namespace invalidation racing an in-flight loader: the old value is never served after it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const oldFill = first.getOrSet({
      namespace: 'progress',
      key: 'race-ns',
      schema: urlSchema,
      loader: async () => {
        await gate;
        return { url: 'old' };
      },
    });
    await sleep(20);
    await first.invalidateNamespace('progress');
    const afterInvalidation = first.getOrSet({
      namespace: 'progress',
      key: 'race-ns',
      schema: urlSchema,
      loader: async () => ({ url: 'new' }),
    });
    release();
    assert.equal(
      (await oldFill).value.url,
      'old',
      'the caller that started before gets what it asked for',
    );
    assert.equal(
      (await afterInvalidation).value.url,
      'new',
      'a caller after the invalidation must not join the old fill',
    );
    await sleep(20);
    for (const cache of [first, second]) {
      assert.equal((await read(cache, 'race-ns', 'progress'))?.value.url, 'new');
    }
  });

  it('a delete racing an in-flight loader in another instance: the fence refuses the old write', async () => {
    await first.set({ namespace: 'tts', key: 'race-del', value: { url: 'v1' } });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const staleFill = first.getOrSet({
      namespace: 'tts',
      key: 'race-del',
      schema: urlSchema,
      forceFresh: true,
      loader: async () => {
        await gate;
        return { url: 'read-before-the-write' };
      },
    });
    await sleep(20);
    await second.delete('tts', 'race-del');
    release();
    await staleFill;
    await sleep(20);
    assert.equal(
      await read(second, 'race-del'),
      undefined,
      'the old value must not be written after the delete',
    );
    assert.equal(await read(first, 'race-del'), undefined);
    const key = await (await currentKeys(redis.client, redis.prefix)).entry('tts', 'race-del');
    const raw = JSON.parse((await redis.client.get(key)) ?? '{}');
    assert.equal(raw.deleted, true, 'a tombstone, not the late fill');
  });

  it('invalidateNamespace right after createCache waits for the connection instead of failing', async () => {
    const { namespaceVersion } = await currentKeys(redis.client, redis.prefix);
    const before = Number((await redis.client.get(namespaceVersion('ai'))) ?? 0);
    // 'ai', which no other test here uses: the bump must not disturb them.
    const fresh = testCache(redis.prefix, { instanceId: 'fresh' });
    try {
      await fresh.invalidateNamespace('ai');
      assert.equal(Number(await redis.client.get(namespaceVersion('ai'))), before + 1);
      assert.equal(fresh.health().breaker, 'closed');
    } finally {
      await fresh.close();
    }
  });

  it('a set from one instance replaces the value in the other instance L1', async () => {
    await first.set({ namespace: 'tts', key: 'shared', value: { url: 'one' } });
    assert.equal((await read(second, 'shared'))?.value.url, 'one');
    await eventually(async () => (await read(second, 'shared'))?.tier === 'l1');
    await first.set({ namespace: 'tts', key: 'shared', value: { url: 'two' } });
    await eventually(async () => (await read(second, 'shared'))?.value.url === 'two');
  });
});
