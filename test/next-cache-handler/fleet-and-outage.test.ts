import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { CacheUnavailableError } from '@/lib/cache';
import { redisForTest, SHARED_REDIS_URL } from '../support/redis';
import { subscriberClientPorts } from '../support/redis-subscribers';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { entry, instanceOn, text } from './fixtures';

/** A TCP proxy to the shared Redis, so one instance's connections can be faulted alone. */
async function proxyToSharedRedis(): Promise<TcpProxy> {
  const shared = new URL(SHARED_REDIS_URL);
  return startTcpProxy({
    listenPort: 0,
    targetHost: shared.hostname,
    targetPort: Number(shared.port || 6379),
  });
}

const throughProxy = (proxy: TcpProxy) =>
  ({ mode: 'standalone', url: `redis://127.0.0.1:${proxy.port}` }) as const;

describe("'use cache' handler across instances", () => {
  let redis: Awaited<ReturnType<typeof redisForTest>>;
  let a: ReturnType<typeof instanceOn>;
  let b: ReturnType<typeof instanceOn>;

  before(async () => {
    redis = await redisForTest('nchf');
    a = instanceOn(redis.prefix);
    b = instanceOn(redis.prefix);
    await Promise.all([a.cache.ready(), b.cache.ready()]);
  });
  after(async () => {
    await Promise.all([a.cache.close(), b.cache.close()]);
    await redis.cleanup();
  });

  it('an entry rendered on one instance is served by the other from Redis', async () => {
    await a.handler.set('shared', Promise.resolve(entry('<rendered on a/>')));
    assert.equal(await text(await b.handler.get('shared', [])), '<rendered on a/>');
  });

  it('after revalidateTag returns on one instance, the other no longer serves the old render', async () => {
    for (let round = 0; round < 20; round += 1) {
      const key = `lesson-${round}`;
      await a.handler.set(key, Promise.resolve(entry(`<v${round}/>`, { tags: ['catalogue'] })));
      // b holds it in its own L1 now.
      assert.equal(await text(await b.handler.get(key, [])), `<v${round}/>`);
      await a.handler.updateTags(['catalogue']);
      assert.equal(await b.handler.get(key, []), undefined, `round ${round}`);
    }
  });
});

describe("'use cache' handler when the bus is late", () => {
  let redis: Awaited<ReturnType<typeof redisForTest>>;
  let proxy: TcpProxy;
  let raw: Redis;
  let a: ReturnType<typeof instanceOn>;
  let b: ReturnType<typeof instanceOn>;

  before(async () => {
    redis = await redisForTest('nchb');
    proxy = await proxyToSharedRedis();
    raw = new Redis(SHARED_REDIS_URL);
    a = instanceOn(redis.prefix);
    b = instanceOn(redis.prefix, throughProxy(proxy));
    await Promise.all([a.cache.ready(), b.cache.ready()]);
  });
  after(async () => {
    proxy.setFault({ kind: 'pass' });
    await Promise.all([a.cache.close(), b.cache.close()]);
    raw.disconnect();
    await proxy.close();
    await redis.cleanup();
  });

  it('a request that starts after revalidateTag returned never gets the old render', async () => {
    // B's bus subscription is held up (a slow or silently broken link): its invalidation
    // messages arrive late or never, while its commands flow.
    const subscribers = await subscriberClientPorts(raw);
    const held = proxy
      .connections()
      .filter((connection) => subscribers.has(connection.upstreamPort() ?? -1));
    assert.equal(held.length, 1, "B's subscriber connection");
    held[0]!.setFault({ kind: 'stall' });

    for (let round = 0; round < 5; round += 1) {
      const key = `late-bus-${round}`;
      await a.handler.set(key, Promise.resolve(entry(`<v${round}/>`, { tags: ['catalogue'] })));
      await b.handler.refreshTags();
      assert.equal(await text(await b.handler.get(key, [])), `<v${round}/>`);
      await a.handler.updateTags(['catalogue']);
      // What Next does for B's next request: refreshTags, then get.
      await b.handler.refreshTags();
      assert.equal(await b.handler.get(key, []), undefined, `round ${round}`);
    }
    assert.deepEqual(b.errors, []);
  });
});

describe("'use cache' handler with Redis down", () => {
  let redis: Awaited<ReturnType<typeof redisForTest>>;
  let proxy: TcpProxy;
  let app: ReturnType<typeof instanceOn>;

  before(async () => {
    redis = await redisForTest('ncho');
    proxy = await proxyToSharedRedis();
    app = instanceOn(redis.prefix, throughProxy(proxy));
    await app.cache.ready();
  });
  after(async () => {
    await app.cache.close();
    await proxy.close();
    await redis.cleanup();
  });

  it('serves what L1 holds, misses the rest at once, and never hangs', async () => {
    await app.handler.set('warm', Promise.resolve(entry('<warm/>')));
    await proxy.cut();

    const started = Date.now();
    assert.equal(await text(await app.handler.get('warm', [])), '<warm/>');
    assert.equal(await app.handler.get('cold', []), undefined);
    // The render goes on: a set that cannot reach Redis resolves and is reported, not thrown.
    await app.handler.set('cold', Promise.resolve(entry('<cold/>')));
    assert.ok(Date.now() - started < 5_000, 'calls returned well within a hang');
    assert.ok(app.errors.some((message) => message.startsWith('set:')));

    // A revalidation that cannot reach Redis says so rather than silently leaving old renders.
    await assert.rejects(app.handler.updateTags(['catalogue']), CacheUnavailableError);
  });

  it('uses Redis again once it is back', async () => {
    await proxy.restore();
    const deadline = Date.now() + 10_000;
    let stored = false;
    while (!stored && Date.now() < deadline) {
      app.errors.length = 0;
      await app.handler.set('after', Promise.resolve(entry('<after/>')));
      stored = app.errors.length === 0;
      if (!stored) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(stored, 'a write reached Redis again');
    assert.equal(await text(await app.handler.get('after', [])), '<after/>');
  });
});
