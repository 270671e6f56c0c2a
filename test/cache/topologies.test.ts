import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import calculateSlot from 'cluster-key-slot';
import { Cluster } from 'ioredis';
import { createCache } from '@/lib/cache';
import {
  startRedisCluster,
  startRedisSentinel,
  type RedisClusterProcesses,
} from '../support/redis-server';
import { uniquePrefix } from '../support/redis';
import {
  countingLoader,
  eventually,
  testPolicies,
  urlSchema,
  type TestNamespace,
} from './fixtures';

describe('Redis Cluster (3 local masters)', () => {
  let cluster: RedisClusterProcesses;
  before(async () => {
    cluster = await startRedisCluster([7110, 7111, 7112]);
  });
  after(() => cluster.stop());

  const clusterCache = (prefix: string, instanceId: string) =>
    createCache<TestNamespace>({
      prefix,
      redis: { mode: 'cluster', nodes: cluster.nodes },
      namespaces: testPolicies,
      instanceId,
      statsFlushMs: 60_000,
    });

  it('getMany across many slots: no CROSSSLOT, hits only, from L2 and L1', async () => {
    const prefix = uniquePrefix('cl');
    const writer = clusterCache(prefix, 'writer');
    const keys = Array.from({ length: 60 }, (_, index) => `word-${index}`);
    for (const key of keys.slice(0, 50))
      await writer.set({ namespace: 'tts', key, value: { url: key } });
    // Created after the writes, so none of their bus messages can overlap (and veto) its reads.
    const reader = clusterCache(prefix, 'reader');
    try {
      assert.equal(await reader.ready(), true);
      const slots = new Set(keys.map((key) => calculateSlot(`${prefix}:tts:0:${key}`)));
      assert.ok(slots.size > 10, 'the keys really are spread over slots');
      const fromL2 = await reader.getMany({ namespace: 'tts', keys, schema: urlSchema });
      assert.equal(fromL2.size, 50);
      assert.equal(fromL2.get('word-7')?.url, 'word-7');
      assert.equal(fromL2.has('word-55'), false);
      // A cluster relays a PUBLISH to the other nodes' subscribers asynchronously, so a writer's
      // bus message can reach the reader during its first read; that read is then served but
      // not kept (it may predate the change), and the next read goes to L2 again.
      await eventually(async () => {
        const before = reader.stats.snapshot().namespaces.tts.l1.hit;
        const fromL1 = await reader.getMany({ namespace: 'tts', keys, schema: urlSchema });
        assert.equal(fromL1.size, 50);
        return reader.stats.snapshot().namespaces.tts.l1.hit - before === 50;
      });
    } finally {
      // Left open, their clients would reconnect to the stopped cluster forever.
      await Promise.all([writer.close(), reader.close()]);
    }
  });

  it('getOrSet with lease, fenced writes, invalidation, the bus and stats all work on a cluster', async () => {
    const prefix = uniquePrefix('cl');
    const first = clusterCache(prefix, 'first');
    const second = clusterCache(prefix, 'second');
    try {
      await Promise.all([first.ready(), second.ready()]);
      const loader = countingLoader((call) => ({ url: `v${call}` }), 50);
      const burst = (cache: typeof first) =>
        Array.from({ length: 50 }, () =>
          cache.getOrSet({ namespace: 'ai', key: 'lease', schema: urlSchema, loader }),
        );
      await Promise.all([...burst(first), ...burst(second)]);
      assert.equal(loader.calls, 1);
      await first.invalidateNamespace('ai');
      await eventually(
        async () =>
          (await second.get({ namespace: 'ai', key: 'lease', schema: urlSchema })) === undefined,
      );
      await first.delete('tts', 'nothing-here');
      await Promise.all([first.stats.flush(), second.stats.flush()]);
      // Fleet view: whichever instance won the lease, the buckets add up to one loader call, and
      // every other request was answered without one: it waited for that call (coalesced) or, as
      // ioredis opens a cluster node's connection on first use, its GET came back after the fill.
      const history = await second.stats.history({ namespace: 'ai', minutes: 2 });
      const fleet = (count: (bucket: (typeof history)[number]) => number) =>
        history.reduce((sum, bucket) => sum + count(bucket), 0);
      assert.equal(
        fleet((bucket) => bucket.counters.loaderCalls),
        1,
      );
      const answeredWithoutLoader = fleet(
        (bucket) => bucket.counters.coalesced + bucket.counters.l2.hit,
      );
      assert.ok(
        answeredWithoutLoader >= 98,
        `answered without the loader: ${answeredWithoutLoader}`,
      );
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('accepts an existing ioredis Cluster client and leaves it open on close', async () => {
    const client = new Cluster(cluster.nodes, { enableOfflineQueue: false });
    await eventually(() => client.status === 'ready');
    const cache = createCache<TestNamespace>({
      prefix: uniquePrefix('cl'),
      redis: client,
      namespaces: testPolicies,
    });
    const result = await cache.getOrSet({
      namespace: 'tts',
      key: 'own',
      schema: urlSchema,
      loader: async () => ({ url: 'o' }),
    });
    assert.equal(result.value.url, 'o');
    await cache.close();
    assert.equal(client.status, 'ready');
    client.disconnect();
  });
});

describe('Redis Sentinel', () => {
  it('connects through a real sentinel to its master and caches there', async () => {
    const sentinel = await startRedisSentinel(7120, 7121);
    try {
      const sentinelCache = (prefix: string) =>
        createCache<TestNamespace>({
          prefix,
          redis: { mode: 'sentinel', sentinels: sentinel.sentinels, name: sentinel.name },
          namespaces: testPolicies,
          l1: { maxEntries: 0 },
        });
      const prefix = uniquePrefix('se');
      const writer = sentinelCache(prefix);
      const reader = sentinelCache(prefix);
      assert.deepEqual(await Promise.all([writer.ready(), reader.ready()]), [true, true]);
      await writer.getOrSet({
        namespace: 'tts',
        key: 's',
        schema: urlSchema,
        loader: async () => ({ url: 'via-sentinel' }),
      });
      const read = await reader.get({ namespace: 'tts', key: 's', schema: urlSchema });
      assert.deepEqual([read?.value.url, read?.tier], ['via-sentinel', 'l2']);
      assert.equal(writer.health().redis, 'up');
      await Promise.all([writer.close(), reader.close()]);
    } finally {
      await sentinel.stop();
    }
  });
});
