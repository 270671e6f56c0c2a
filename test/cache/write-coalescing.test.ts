import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { encodeEnvelope, ENVELOPE_VERSION } from '@/lib/cache/envelope';
import { startFaultRig, type FaultRig } from './fault-rig';
import { currentKeys, urlSchema } from './fixtures';

/**
 * Issue 13: the fill writes of one tick leave in one socket write (`write-coalescing.ts`), yet
 * each stays its own `SET NX` with its own answer. Seen from Redis: `total_reads_processed`
 * (one per read event on a client socket) on a private redis-server the cache talks to directly.
 */
describe('fill writes of one tick leave together', () => {
  let rig: FaultRig;
  before(async () => {
    rig = await startFaultRig(7156);
  });
  after(() => rig.close());

  const readEvents = async () =>
    Number(/total_reads_processed:(\d+)/.exec(await rig.raw.info('stats'))?.[1]);

  /** Loaders that all wait for one gate, so their fills are written in the same tick. */
  function gatedLoaders() {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const loader = (id: string) => async () => {
      await gate;
      return { url: `loaded-${id}` };
    };
    return { loader, open };
  }

  it('the fills of 50 concurrent misses reach Redis in a few socket writes, not one per fill', async () => {
    const cache = rig.direct();
    try {
      await cache.ready();
      const ids = Array.from({ length: 50 }, (_, index) => `fill-${index}`);
      const { loader, open } = gatedLoaders();
      const answers = Promise.all(
        ids.map((key) =>
          cache.getOrSet({ namespace: 'tts', key, schema: urlSchema, loader: loader(key) }),
        ),
      );
      // Every GET answered and every loader waiting at the gate before counting starts.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const before = await readEvents();
      open();
      const results = await answers;
      const during = (await readEvents()) - before;
      assert.deepEqual(
        results.map((result) => result.value.url),
        ids.map((id) => `loaded-${id}`),
      );
      // One per fill before (50 SET NX written one by one); now the first alone, the rest in one
      // writev that Redis may read in two, plus our own INFO.
      assert.ok(during <= 6, `Redis read ${during} times for 50 fills written in one tick`);
      const keys = await currentKeys(rig.raw, rig.prefix);
      const stored = await rig.raw.mget(await Promise.all(ids.map((id) => keys.entry('tts', id))));
      assert.equal(stored.filter((value) => value !== null).length, 50, 'every fill landed');
    } finally {
      await rig.closeCaches();
    }
  });

  it('a fill refused in a coalesced batch is refused for its own caller only', async () => {
    const cache = rig.direct();
    try {
      await cache.ready();
      const ids = Array.from({ length: 20 }, (_, index) => `fenced-${index}`);
      const taken = new Set(ids.filter((_, index) => index % 4 === 0));
      const { loader, open } = gatedLoaders();
      const answers = Promise.all(
        ids.map((key) =>
          cache.getOrSet({ namespace: 'tts', key, schema: urlSchema, loader: loader(key) }),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Another writer fills some keys while the loaders run, without a bus message: only
      // Redis's SET NX can refuse those fills.
      const keys = await currentKeys(rig.raw, rig.prefix);
      const now = Date.now();
      for (const id of taken) {
        const theirs = encodeEnvelope({
          f: `other.${id}`,
          v: ENVELOPE_VERSION,
          value: { url: `theirs-${id}` },
          createdAt: now,
          freshUntil: now + 60_000,
          staleUntil: now + 120_000,
        });
        await rig.raw.set(await keys.entry('tts', id), theirs, 'PX', 120_000);
      }
      open();
      await answers;
      for (const id of ids) {
        // A refused fill is neither in Redis nor kept in this instance's L1.
        const found = await cache.get({ namespace: 'tts', key: id, schema: urlSchema });
        const expected = taken.has(id) ? `theirs-${id}` : `loaded-${id}`;
        assert.equal(found?.value.url, expected, `${id}: ${found?.value.url}`);
      }
    } finally {
      await rig.closeCaches();
    }
  });
});
