import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { startMonitor } from '../support/redis-monitor';
import { startFaultRig, type FaultRig } from './fault-rig';
import { eventually, sleep, urlSchema } from './fixtures';

/**
 * "After an invalidation, no instance serves the old value again": versions, the keyspace
 * generation and the bus, each under the fault that used to undo an invalidation.
 */
describe('coherence under faults: versions, generation, bus', () => {
  let rig: FaultRig;
  before(async () => {
    rig = await startFaultRig(7150);
  });
  afterEach(() => rig.closeCaches());
  after(() => rig.close());

  const load = (value: string) => async () => ({ url: value });

  it('versions only move forward: a refresh read before a pushed invalidation does not roll it back', async () => {
    const a = rig.proxied({ commandTimeoutMs: 3000, versionRefreshMs: 400 });
    const b = rig.direct({ versionRefreshMs: 60_000 });
    await Promise.all([a.ready(), b.ready()]);
    const key = { namespace: 'tts' as const, key: 'rollback', schema: urlSchema };
    assert.equal((await a.getOrSet({ ...key, loader: load('old') })).value.url, 'old');
    // A's commands now take 300 ms each way; its bus subscriber stays quick.
    await rig.faultOn('commands', { kind: 'delay', ms: 300 });
    const monitor = await startMonitor(rig.raw);
    let after;
    try {
      let invalidated: Promise<void> | undefined;
      monitor.on('monitor', (_time: string, args: string[]) => {
        const isRefresh =
          args[0]?.toLowerCase() === 'mget' && args.some((arg) => arg.includes(':_v:'));
        // Redis has just read the versions for A's refresh; the reply is 300 ms away.
        if (isRefresh && !invalidated) invalidated = b.invalidateNamespace('tts');
      });
      await eventually(() => invalidated !== undefined, 3000);
      await invalidated;
      await sleep(450); // the refresh's (older) reply has arrived; the next one has not
      after = await a.getOrSet({ ...key, loader: load('new') });
    } finally {
      monitor.disconnect();
    }
    assert.equal(after.value.url, 'new', 'the old value came back after the invalidation');
  });

  for (const loss of ['FLUSHALL', 'version keys evicted'] as const) {
    it(`version numbers never repeat after Redis loses its data (${loss})`, async () => {
      const a = rig.direct({ l1: { maxEntries: 0 } });
      const b = rig.direct();
      await Promise.all([a.ready(), b.ready()]);
      const key = { namespace: 'tts' as const, key: `loss-${loss.length}`, schema: urlSchema };
      await b.invalidateNamespace('tts');
      await sleep(50);
      if (loss === 'FLUSHALL') await rig.raw.flushall();
      else {
        const versionKeys = await rig.raw.keys(`${rig.prefix}:_v:*`);
        assert.ok(versionKeys.length > 0);
        await rig.raw.del(...versionKeys);
      }
      // A fills after the loss, then the data changes and B invalidates: the fill is now old.
      assert.equal((await a.getOrSet({ ...key, loader: load('old') })).value.url, 'old');
      await b.invalidateNamespace('tts');
      await sleep(100);
      const after = await a.getOrSet({ ...key, loader: load('new') });
      assert.equal(after.value.url, 'new', 'an invalidated value came back after the data loss');
      const fromB = await b.getOrSet({ ...key, loader: load('new') });
      assert.equal(fromB.value.url, 'new');
    });
  }

  it('a silently dead bus subscriber is noticed by its heartbeat, and L1 is distrusted meanwhile', async () => {
    const a = rig.proxied({ l1: { ttlMs: 60_000 }, commandTimeoutMs: 1000 });
    const b = rig.direct();
    await Promise.all([a.ready(), b.ready()]);
    const key = { namespace: 'tts' as const, key: 'dead-bus', schema: urlSchema };
    await a.getOrSet({ ...key, loader: load('old') });
    assert.equal((await a.get(key))?.tier, 'l1');
    await rig.faultOn('subscriber', { kind: 'blackhole' });
    await b.set({ namespace: 'tts', key: 'dead-bus', value: { url: 'new' } });
    // Without a heartbeat, A would serve 'old' from L1 for its whole 60 s L1 TTL.
    await eventually(async () => (await a.get(key))?.value.url === 'new', 8000);
    assert.equal(a.health().bus, 'down');
    rig.proxy.setFault({ kind: 'pass' });
    await eventually(() => a.health().bus === 'up', 8000);
  });
});

describe('an eviction policy that can drop version keys is surfaced', () => {
  let rig: FaultRig;
  before(async () => {
    rig = await startFaultRig(7151, ['--maxmemory', '64mb', '--maxmemory-policy', 'allkeys-lru']);
  });
  afterEach(() => rig.closeCaches());
  after(() => rig.close());

  it('health() names the allkeys-* policy at start-up', async () => {
    const cache = rig.direct();
    await cache.ready();
    await eventually(() => cache.health().evictionPolicy === 'allkeys-lru', 3000);
    assert.equal(cache.health().versionsEvictable, true);
  });
});
