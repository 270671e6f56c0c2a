import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { redisForTest } from '../support/redis';
import { entry, instanceOn, sleep, streamOf, text } from './fixtures';

// Next's CacheHandler contract (node_modules/next/dist/server/lib/cache-handlers/types.d.ts),
// method by method, against the shared Redis under a prefix of this test's own.
describe("'use cache' handler contract", () => {
  let redis: Awaited<ReturnType<typeof redisForTest>>;
  let app: ReturnType<typeof instanceOn>;

  before(async () => {
    redis = await redisForTest('nch');
    app = instanceOn(redis.prefix);
    await app.cache.ready();
  });
  after(async () => {
    await app.cache.close();
    await redis.cleanup();
  });

  it('get returns what set stored, as a new full stream on every call', async () => {
    await app.handler.set('k-roundtrip', Promise.resolve(entry('<lesson one/>')));
    const first = await app.handler.get('k-roundtrip', []);
    const second = await app.handler.get('k-roundtrip', []);
    assert.ok(first && second);
    assert.notEqual(first.value, second.value);
    assert.equal(await text(first), '<lesson one/>');
    assert.equal(await text(second), '<lesson one/>');
    assert.deepEqual(first.tags, ['catalogue']);
    assert.equal(first.revalidate, 60);
    assert.equal(first.expire, 3600);
    assert.equal(first.stale, 30);
  });

  it('keeps bytes that are not UTF-8 exactly', async () => {
    const bytes = new Uint8Array([0, 255, 254, 1, 128, 10]);
    const value = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    await app.handler.set('k-binary', Promise.resolve({ ...entry(''), value }));
    const found = await app.handler.get('k-binary', []);
    assert.ok(found);
    assert.deepEqual(new Uint8Array(await new Response(found.value).arrayBuffer()), bytes);
  });

  it('a get during a pending set waits for it instead of missing', async () => {
    let resolveEntry!: (value: ReturnType<typeof entry>) => void;
    const pending = new Promise<ReturnType<typeof entry>>((resolve) => (resolveEntry = resolve));
    const setting = app.handler.set('k-pending', pending);
    const reading = app.handler.get('k-pending', []);
    await sleep(50);
    resolveEntry(entry('<rendered late/>'));
    assert.equal(await text(await reading), '<rendered late/>');
    await setting;
  });

  it('consumes the stream to its end before set resolves', async () => {
    let pulls = 0;
    const chunks = ['<a/>', '<b/>', '<c/>'];
    const value = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks[pulls++];
        if (chunk) controller.enqueue(new TextEncoder().encode(chunk));
        else controller.close();
      },
    });
    await app.handler.set('k-consumed', Promise.resolve({ ...entry(''), value }));
    assert.equal(pulls, 4);
    assert.equal(await text(await app.handler.get('k-consumed', [])), '<a/><b/><c/>');
  });

  it('drops a stream that errors partway, and a waiting get then misses', async () => {
    const broken = { ...entry(''), value: streamOf(['<half'], new Error('render failed')) };
    const setting = app.handler.set('k-partial', Promise.resolve(broken));
    const reading = app.handler.get('k-partial', []);
    await setting; // resolves: a failed write must not fail the response
    assert.equal(await reading, undefined);
    assert.equal(await app.handler.get('k-partial', []), undefined);
    assert.match(app.errors.at(-1) ?? '', /set: render failed/);
  });

  it('drops an entry whose pending promise rejects', async () => {
    await app.handler.set('k-rejected', Promise.reject(new Error('render threw')));
    assert.equal(await app.handler.get('k-rejected', []), undefined);
  });

  it('a tag revalidated between set and get makes the entry a miss', async () => {
    await app.handler.set('k-tagged', Promise.resolve(entry('<old/>', { tags: ['lesson:7'] })));
    await app.handler.set('k-other', Promise.resolve(entry('<other/>', { tags: ['lesson:8'] })));
    await app.handler.updateTags(['lesson:7']);
    assert.equal(await app.handler.get('k-tagged', []), undefined);
    assert.equal(await text(await app.handler.get('k-other', [])), '<other/>');
  });

  it('revalidateTag with a profile (durations) also stops the old entry being served', async () => {
    await app.handler.set('k-profile', Promise.resolve(entry('<old/>', { tags: ['hsk:1'] })));
    await app.handler.updateTags(['hsk:1'], { expire: 3600 });
    assert.equal(await app.handler.get('k-profile', []), undefined);
  });

  it('soft tags seen on the miss are recorded, so revalidatePath reaches the entry', async () => {
    const softTags = ['_N_T_/layout', '_N_T_/lessons/[slug]/layout', '_N_T_/lessons/hsk1-01'];
    assert.equal(await app.handler.get('k-soft', softTags), undefined);
    await app.handler.set('k-soft', Promise.resolve(entry('<page/>')));
    assert.equal(await text(await app.handler.get('k-soft', softTags)), '<page/>');
    await app.handler.updateTags(['_N_T_/lessons/[slug]/layout']);
    assert.equal(await app.handler.get('k-soft', softTags), undefined);
  });

  it('checks soft tags itself: getExpiration answers Infinity, refreshTags is a no-op', async () => {
    assert.equal(await app.handler.getExpiration(['_N_T_/layout']), Infinity);
    await app.handler.refreshTags();
  });

  it('does not store a dynamic entry (expire 0)', async () => {
    await app.handler.set('k-dynamic', Promise.resolve(entry('<x/>', { expire: 0 })));
    assert.equal(await app.handler.get('k-dynamic', []), undefined);
  });

  it('serves an entry past revalidate until expire, then drops it', async () => {
    const timestamp = Date.now();
    await app.handler.set(
      'k-life',
      Promise.resolve(entry('<swr/>', { revalidate: 1, expire: 2, timestamp })),
    );
    await sleep(1200);
    const stale = await app.handler.get('k-life', []);
    // Served as stored: Next sees timestamp + revalidate in the past and refreshes in the background.
    assert.equal(stale?.timestamp, timestamp);
    assert.equal(await text(stale), '<swr/>');
    await sleep(1200);
    assert.equal(await app.handler.get('k-life', []), undefined);
  });
});
