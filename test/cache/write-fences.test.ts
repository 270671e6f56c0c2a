import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { CacheUnavailableError } from '@/lib/cache';
import { startFaultRig, type FaultRig } from './fault-rig';
import { eventually, sleep, urlSchema } from './fixtures';

/** Writes that raced an expire, or landed after their caller was told they failed. */
describe('fenced writes: expire and late writes', () => {
  let rig: FaultRig;
  before(async () => {
    rig = await startFaultRig(7152);
  });
  afterEach(() => rig.closeCaches());
  after(() => rig.close());

  it('expire() on a key L2 does not hold fences a fill that started before it, like delete()', async () => {
    const a = rig.proxied();
    const b = rig.direct();
    await Promise.all([a.ready(), b.ready()]);
    // A hears of the expire late (a slow bus), so only Redis can refuse its fill.
    await rig.faultOn('subscriber', { kind: 'delay', ms: 1500 });
    const key = { namespace: 'tts' as const, key: 'expire-race', schema: urlSchema };
    const filling = a.getOrSet({
      ...key,
      loader: async () => {
        await sleep(400);
        return { url: 'loaded-before-expire' };
      },
    });
    await sleep(100);
    await b.expire('tts', 'expire-race');
    await filling;
    await sleep(50);
    for (const instance of [a, b]) {
      const seen = await instance.get(key);
      assert.notEqual(seen?.status, 'hit', `served ${seen?.value.url} as fresh after expire()`);
    }
  });

  it('a set() that failed with CacheUnavailableError never lands over a newer set()', async () => {
    const a = rig.proxied({ commandTimeoutMs: 200, breaker: { failureThreshold: 10 } });
    const b = rig.direct();
    await Promise.all([a.ready(), b.ready()]);
    const key = { namespace: 'tts' as const, key: 'late-write', schema: urlSchema };
    // A's bytes are held in the network: its write is sent, times out, and is reported failed.
    await rig.faultOn('commands', { kind: 'stall' });
    await assert.rejects(
      a.set({ ...key, value: { url: 'from-a' } }),
      (error) => error instanceof CacheUnavailableError,
    );
    await b.set({ ...key, value: { url: 'from-b' } });
    rig.proxy.setFault({ kind: 'pass' }); // the held write reaches Redis now
    await sleep(300);
    const observer = rig.direct();
    await observer.ready();
    assert.equal((await observer.get(key))?.value.url, 'from-b', 'the late write replaced it');
  });

  it('an instance started during an outage accepts deletes once Redis is back, not after versionRefreshMs', async () => {
    await rig.server.stop();
    const cache = rig.direct({ versionRefreshMs: 60_000, breaker: { openMs: 300 } });
    assert.equal(await cache.ready(), false);
    await rig.server.start();
    await eventually(async () => {
      try {
        await cache.delete('tts', 'after-outage');
        return true;
      } catch {
        return false;
      }
    }, 10_000);
  });
});
