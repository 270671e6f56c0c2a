import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import calculateSlot from 'cluster-key-slot';
import { Cluster, type Redis } from 'ioredis';
import { redisForTest } from '../support/redis';
import { startMonitor } from '../support/redis-monitor';
import { startFaultRig, type FaultRig } from './fault-rig';
import { currentKeys, sleep, testCache, urlSchema } from './fixtures';

/**
 * Issue 13: the L2 reads of one event-loop tick reach Redis as one command per hash slot (one
 * MGET on a single node), a lone read stays a plain GET, and getMany reads each key once. Seen
 * with MONITOR on every master, so it holds on the single node and on the cluster run.
 */
describe('L2 reads leave Redis-bound per tick, one command per hash slot', () => {
  let redis: Awaited<ReturnType<typeof redisForTest>>;
  let cache: ReturnType<typeof testCache>;
  const clustered = () => redis.client instanceof Cluster;
  before(async () => {
    redis = await redisForTest('batch');
    cache = testCache(redis.prefix, { l1: { maxEntries: 0 } });
    await cache.ready();
  });
  after(async () => {
    await cache.close();
    await redis.cleanup();
  });

  const refuse = async (): Promise<{ url: string }> => {
    throw new Error('a hit called its loader');
  };

  /** The entry reads (GET/MGET) of this test's keys that Redis received while `work` ran. */
  async function readsDuring(work: () => Promise<unknown>): Promise<string[][]> {
    const client = redis.client;
    const servers: Redis[] = client instanceof Cluster ? client.nodes('master') : [client];
    const monitors: Redis[] = [];
    const seen: string[][] = [];
    try {
      for (const server of servers) monitors.push(await startMonitor(server));
      for (const monitor of monitors) {
        monitor.on('monitor', (_time: string, args: string[]) => {
          const command = args[0]?.toLowerCase();
          const entryKeys = args.slice(1).filter((arg) => arg.startsWith(`${redis.prefix}:tts:`));
          if ((command === 'get' || command === 'mget') && entryKeys.length > 0) {
            seen.push([command, ...entryKeys]);
          }
        });
      }
      await work();
      await sleep(200); // MONITOR events trail the replies
    } finally {
      for (const monitor of monitors) monitor.disconnect();
    }
    return seen;
  }

  /** One command per slot of the keys (one in all on a single node), each key read once. */
  function assertOnePerSlot(reads: string[][], redisKeys: string[]) {
    const slots = new Set(redisKeys.map((key) => calculateSlot(key)));
    const expected = clustered() ? slots.size : 1;
    assert.equal(
      reads.length,
      expected,
      `${reads.length} commands for ${redisKeys.length} keys: ${reads.map((read) => read[0]).join(' ')}`,
    );
    assert.deepEqual(reads.flatMap((read) => read.slice(1)).sort(), [...redisKeys].sort());
    if (!clustered()) assert.equal(reads[0]?.[0], 'mget');
  }

  it('50 concurrent L2 reads reach Redis as one MGET (one command per hash slot on a cluster)', async () => {
    const ids = Array.from({ length: 50 }, (_, index) => `tick-${index}`);
    for (const key of ids) await cache.set({ namespace: 'tts', key, value: { url: key } });
    const keys = await currentKeys(redis.client, redis.prefix);
    const redisKeys = await Promise.all(ids.map((id) => keys.entry('tts', id)));
    let results: { tier: string; value: { url: string } }[] = [];
    const reads = await readsDuring(async () => {
      results = await Promise.all(
        ids.map((key) =>
          cache.getOrSet({ namespace: 'tts', key, schema: urlSchema, loader: refuse }),
        ),
      );
    });
    assert.deepEqual(
      results.map((result) => `${result.tier}:${result.value.url}`),
      ids.map((id) => `l2:${id}`),
    );
    assertOnePerSlot(reads, redisKeys);
  });

  it('a lone read is still one plain GET', async () => {
    await cache.set({ namespace: 'tts', key: 'lone', value: { url: 'lone' } });
    const redisKey = await (await currentKeys(redis.client, redis.prefix)).entry('tts', 'lone');
    const reads = await readsDuring(() =>
      cache.getOrSet({ namespace: 'tts', key: 'lone', schema: urlSchema, loader: refuse }),
    );
    assert.deepEqual(reads, [['get', redisKey]]);
  });

  it('getMany: one command per hash slot whatever the number of keys, a repeated key read once', async () => {
    const ids = Array.from({ length: 40 }, (_, index) => `many-${index}`);
    for (const key of ids) await cache.set({ namespace: 'tts', key, value: { url: key } });
    const keys = await currentKeys(redis.client, redis.prefix);
    const redisKeys = await Promise.all(ids.map((id) => keys.entry('tts', id)));
    let found = new Map<string, { url: string }>();
    const reads = await readsDuring(async () => {
      found = await cache.getMany({
        namespace: 'tts',
        keys: [...ids, ...ids.slice(0, 10), 'many-3'],
        schema: urlSchema,
      });
    });
    assert.equal(found.size, 40);
    assertOnePerSlot(reads, redisKeys);
  });
});

/**
 * Batching must not change what a stalled Redis does to a read: each read still gives up at its
 * own command timeout, and a batch that fails counts one breaker failure per read in it.
 */
describe('batched reads under a stalled Redis', () => {
  let rig: FaultRig;
  before(async () => {
    rig = await startFaultRig(7155);
  });
  after(() => rig.close());

  it('reads issued in separate callbacks while a batch is out join one MGET (a server gets one request per callback)', async () => {
    const cache = rig.proxied({ l1: { maxEntries: 0 }, commandTimeoutMs: 2000 });
    try {
      await cache.ready();
      const key = { namespace: 'tts' as const, schema: urlSchema };
      const ids = Array.from({ length: 20 }, (_, index) => `apart-${index}`);
      for (const id of ids) await cache.set({ ...key, key: id, value: { url: id } });
      await cache.set({ ...key, key: 'first', value: { url: 'first' } });
      await rig.faultOn('commands', { kind: 'delay', ms: 100 });
      const monitor = await startMonitor(rig.raw);
      const reads: string[] = [];
      monitor.on('monitor', (_time: string, args: string[]) => {
        const command = args[0]?.toLowerCase();
        const entryRead = args[1]?.startsWith(`${rig.prefix}:tts:`);
        if ((command === 'get' || command === 'mget') && entryRead) reads.push(command);
      });
      try {
        const first = cache.get({ ...key, key: 'first' });
        // Each read from its own callback, as each request of a server arrives in its own.
        const apart = await Promise.all(
          ids.map(
            (id) =>
              new Promise<unknown>((resolve) =>
                setImmediate(() => resolve(cache.get({ ...key, key: id }))),
              ),
          ),
        );
        assert.equal((await first)?.value.url, 'first');
        assert.deepEqual(
          apart.map((result) => (result as { value: { url: string } } | undefined)?.value.url),
          ids,
        );
        await sleep(200);
      } finally {
        monitor.disconnect();
      }
      assert.deepEqual(reads, ['get', 'mget'], `Redis saw: ${reads.join(' ')}`);
    } finally {
      await rig.closeCaches();
    }
  });

  it('a lone read gives up at its command timeout; 50 failing together open the breaker as 50 GETs would', async () => {
    const cache = rig.proxied({
      l1: { maxEntries: 0 },
      commandTimeoutMs: 300,
      breaker: { failureThreshold: 3, openMs: 60_000 },
    });
    try {
      await cache.ready();
      const key = { namespace: 'tts' as const, schema: urlSchema };
      await cache.set({ ...key, key: 'stalled', value: { url: 'stalled' } });
      await rig.faultOn('commands', { kind: 'stall' });
      const started = Date.now();
      assert.equal(await cache.get({ ...key, key: 'stalled' }), undefined);
      const waited = Date.now() - started;
      // Far below what a read queued behind another read's timeout would take; no exact timing.
      assert.ok(waited < 1500, `a lone read waited ${waited} ms under a 300 ms command timeout`);
      assert.equal(cache.health().breaker, 'closed', 'one failed read is one failure');
      const ids = Array.from({ length: 50 }, (_, index) => `stalled-${index}`);
      const answers = await Promise.all(ids.map((id) => cache.get({ ...key, key: id })));
      assert.deepEqual(new Set(answers), new Set([undefined]));
      assert.equal(cache.health().breaker, 'open', 'a failed batch counted as one failure');
    } finally {
      await rig.closeCaches();
    }
  });
});
