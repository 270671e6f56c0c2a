import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { NamespacePolicy } from '@/lib/cache';
import { startFaultRig, type FaultRig } from './fault-rig';
import { countingLoader, sleep, testPolicies, urlSchema, type TestNamespace } from './fixtures';

const LEASE_WAIT_MS = 10_000;

const policies: Record<TestNamespace, NamespacePolicy> = {
  ...testPolicies,
  ai: { ttlMs: 60_000, lease: true, leaseMs: 800, leaseWaitMs: LEASE_WAIT_MS, hardTimeoutMs: 5000 },
};

describe('lease waiters take over when the holder is gone', () => {
  let rig: FaultRig;
  before(async () => {
    rig = await startFaultRig(7153);
  });
  afterEach(() => rig.closeCaches());
  after(() => rig.close());

  it('the holder`s loader throws: one waiter takes over at once, the others get its value', async () => {
    const [a, b, c] = [0, 1, 2].map(() => rig.direct({ namespaces: policies }));
    await Promise.all([a!.ready(), b!.ready(), c!.ready()]);
    const key = { namespace: 'ai' as const, key: 'holder-throws', schema: urlSchema };
    const started = Date.now();
    const holder = a!.getOrSet({
      ...key,
      loader: async () => {
        await sleep(300);
        throw new Error('upstream failed');
      },
    });
    await sleep(50);
    const takeover = countingLoader(() => ({ url: 'taken-over' }), 100);
    const waiters = [b!, c!].map((cache) => cache.getOrSet({ ...key, loader: takeover }));
    await assert.rejects(holder);
    const results = await Promise.all(waiters);
    const waited = Date.now() - started;
    assert.deepEqual(
      results.map((result) => result.value.url),
      ['taken-over', 'taken-over'],
    );
    assert.equal(takeover.calls, 1, 'one waiter loads, the other gets its value');
    assert.ok(waited < LEASE_WAIT_MS / 2, `waiters waited ${waited} ms for a lease that was gone`);
  });

  it('the holder dies: waiters take over once its short leaseMs ends, not after leaseWaitMs', async () => {
    const a = rig.proxied({ namespaces: policies });
    const b = rig.direct({ namespaces: policies });
    await Promise.all([a.ready(), b.ready()]);
    const key = { namespace: 'ai' as const, key: 'holder-dies', schema: urlSchema };
    const holder = a.getOrSet({
      ...key,
      loader: ({ signal }) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    });
    holder.catch(() => {});
    await sleep(100);
    rig.proxy.setFault({ kind: 'blackhole' }); // A is gone for Redis: it can never release
    const started = Date.now();
    const result = await b.getOrSet({ ...key, loader: async () => ({ url: 'after-crash' }) });
    const waited = Date.now() - started;
    assert.equal(result.value.url, 'after-crash');
    assert.ok(waited < LEASE_WAIT_MS / 2, `waited ${waited} ms for a dead holder`);
    rig.proxy.setFault({ kind: 'pass' });
  });
});

describe('the fail-safe retry throttle', () => {
  let rig: FaultRig;
  before(async () => {
    rig = await startFaultRig(7154);
  });
  afterEach(() => rig.closeCaches());
  after(() => rig.close());

  const shortLived = (swr: boolean): Record<TestNamespace, NamespacePolicy> => ({
    ...testPolicies,
    tts: {
      ttlMs: 100,
      graceMs: 60_000,
      jitter: 0,
      staleWhileRevalidate: swr,
      softTimeoutMs: 100,
    },
  });

  for (const setup of [
    { label: 'L1 off, SWR on', id: 'no-l1', l1: { maxEntries: 0 }, swr: true },
    { label: 'L1 on, SWR off', id: 'no-swr', l1: {}, swr: false },
    { label: 'L1 off, SWR off', id: 'neither', l1: { maxEntries: 0 }, swr: false },
  ]) {
    it(`calls a failing upstream once per throttle window (${setup.label})`, async () => {
      const cache = rig.direct({ namespaces: shortLived(setup.swr), l1: setup.l1 });
      await cache.ready();
      const key = { namespace: 'tts' as const, key: `throttle-${setup.id}`, schema: urlSchema };
      await cache.getOrSet({ ...key, loader: async () => ({ url: 'good' }) });
      await sleep(150);
      const failing = countingLoader((): { url: string } => {
        throw new Error('upstream down');
      });
      const started = Date.now();
      for (let call = 0; call < 30; call += 1) {
        const result = await cache.getOrSet({ ...key, loader: failing });
        assert.deepEqual([result.value.url, result.status], ['good', 'stale']);
        await sleep(5);
      }
      const windows = Math.ceil((Date.now() - started) / 1000);
      await sleep(100);
      assert.ok(
        failing.calls <= windows + 1,
        `${failing.calls} upstream calls in ${windows} throttle windows`,
      );
    });
  }
});
