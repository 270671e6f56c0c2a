import assert from 'node:assert/strict';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createRedisConnection } from '@/lib/cache';
import { LEARNER_COOKIE } from '@/lib/learner/cookie';
import { createLearnerAndIpLimiter } from '@/lib/rate-limit/learner-and-ip';
import { sign } from '@/lib/security/signed-value';
import { handleSpeechPost } from '@/lib/tts/http/speech-handlers';
import type { SpeechService } from '@/lib/tts/speech-service';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { deadPort } from '../support/dead-port';
import { PATIENT_REDIS_MS } from '../support/patient-redis';
import { SHARED_REDIS_URL } from '../support/redis';
import { startTcpProxy } from '../support/tcp-proxy';
import { speechHarness, type SpeechHarness } from '../tts/fixtures';

// POST /api/tts behind the shared limiter: two app instances (two caches, two speech services,
// two limiters on their own Redis connections) spend one budget per learner and one per address.
// The app is configured as behind a CDN and a load balancer (TRUSTED_PROXY_HOPS=2); the other
// cases send one X-Forwarded-For entry, which is the client's address with any hop count.

let database: TestDatabase;
let tts: SpeechHarness;
const connections: ReturnType<typeof createRedisConnection>[] = [];

before(async () => {
  // Read by config() on the first request; nothing in this process has parsed it before.
  process.env.TRUSTED_PROXY_HOPS = '2';
  database = await createTestDatabase();
  tts = await speechHarness(database.prisma);
});

after(async () => {
  for (const connection of connections) connection.disconnect();
  await tts?.close();
  await database?.drop();
});

async function instance(
  keyPrefix: string,
  limits: { perLearnerPerMinute: number; perIpPerMinute: number },
  url = SHARED_REDIS_URL,
  { reachable = url === SHARED_REDIS_URL }: { reachable?: boolean } = {},
) {
  // The shared-budget cases wait on Redis however busy the machine; the others keep the app's
  // time limits, which are what they test.
  const patient = url === SHARED_REDIS_URL;
  const redis = createRedisConnection(
    { mode: 'standalone', url },
    patient ? { commandTimeoutMs: PATIENT_REDIS_MS } : {},
  );
  redis.on('error', () => {});
  connections.push(redis);
  // Until connected the limiter counts in memory; these tests want the shared Redis counters.
  if (reachable) await once(redis, 'ready');
  const limiter = createLearnerAndIpLimiter({
    redis,
    keyPrefix,
    ...limits,
    ...(patient ? { redisTimeoutMs: PATIENT_REDIS_MS } : {}),
  });
  const service: SpeechService = tts.serviceFor(tts.google, tts.newCache());
  return (body: unknown, learnerId: string | null, ip: string) =>
    handleSpeechPost(
      service,
      new Request('http://localhost/api/tts', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': ip,
          ...(learnerId ? { cookie: `${LEARNER_COOKIE}=${sign(learnerId)}` } : {}),
        },
        body: JSON.stringify(body),
      }),
      limiter,
    );
}

async function assertRateLimited(response: Response) {
  assert.equal(response.status, 429);
  const retryAfter = Number(response.headers.get('retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  const { error } = (await response.json()) as { error: { code: string; message: string } };
  assert.equal(error.code, 'rate_limited');
  assert.match(error.message, /try again in \d+ s/);
}

describe('POST /api/tts rate limits, shared by two instances through Redis', () => {
  it('a learner past their budget gets 429 with Retry-After from either instance', async () => {
    const keyPrefix = `${tts.prefix}:_ratelimit:tts-a`;
    const limits = { perLearnerPerMinute: 3, perIpPerMinute: 100 };
    const [first, second] = [await instance(keyPrefix, limits), await instance(keyPrefix, limits)];
    const learner = randomUUID();
    for (const post of [first, second, first]) {
      assert.equal((await post({ text: '你好' }, learner, '10.1.0.1')).status, 200);
    }
    await assertRateLimited(await second({ text: '你好' }, learner, '10.1.0.1'));
    await assertRateLimited(await first({ text: '谢谢' }, learner, '10.1.0.2'));
    // Another learner at the same address is unaffected.
    assert.equal((await second({ text: '你好' }, randomUUID(), '10.1.0.1')).status, 200);
  });

  it('one address minting fresh learners (or sending none) is stopped by the per-IP budget', async () => {
    const keyPrefix = `${tts.prefix}:_ratelimit:tts-b`;
    const limits = { perLearnerPerMinute: 100, perIpPerMinute: 4 };
    const [first, second] = [await instance(keyPrefix, limits), await instance(keyPrefix, limits)];
    assert.equal((await first({ text: '你好' }, randomUUID(), '10.2.0.1')).status, 200);
    assert.equal((await second({ text: '你好' }, randomUUID(), '10.2.0.1')).status, 200);
    assert.equal((await first({ text: '你好' }, null, '10.2.0.1')).status, 200);
    assert.equal((await second({ text: '你好' }, null, '10.2.0.1')).status, 200);
    await assertRateLimited(await first({ text: '你好' }, randomUUID(), '10.2.0.1'));
    await assertRateLimited(await second({ text: '你好' }, null, '10.2.0.1'));
    assert.equal((await first({ text: '你好' }, randomUUID(), '10.2.0.2')).status, 200);
  });

  it('requests without a learner cookie share one budget, whatever address they claim', async () => {
    const keyPrefix = `${tts.prefix}:_ratelimit:tts-f`;
    const limits = { perLearnerPerMinute: 3, perIpPerMinute: 100 };
    const [first, second] = [await instance(keyPrefix, limits), await instance(keyPrefix, limits)];
    // Each request forges another address: only dropping the cookie is left, and it buys nothing.
    for (const [i, post] of [first, second, first].entries()) {
      assert.equal((await post({ text: '你好' }, null, `10.6.0.${i}`)).status, 200);
    }
    await assertRateLimited(await second({ text: '你好' }, null, '10.6.1.1'));
    assert.equal((await first({ text: '你好' }, randomUUID(), '10.6.1.2')).status, 200);
  });

  it('behind a CDN (2 proxy hops) each client has its own per-IP budget, whatever it forges', async () => {
    const keyPrefix = `${tts.prefix}:_ratelimit:tts-e`;
    const post = await instance(keyPrefix, { perLearnerPerMinute: 100, perIpPerMinute: 2 });
    const cdn = '198.51.100.20';
    assert.equal((await post({ text: '你好' }, null, `203.0.113.7, ${cdn}`)).status, 200);
    assert.equal((await post({ text: '你好' }, null, `203.0.113.7, ${cdn}`)).status, 200);
    // Made-up entries on the left do not buy the spent client a fresh budget.
    await assertRateLimited(await post({ text: '你好' }, null, `10.9.9.9, 203.0.113.7, ${cdn}`));
    // Another client through the same CDN node is not in the CDN's (or the first client's) bucket.
    assert.equal((await post({ text: '你好' }, null, `203.0.113.8, ${cdn}`)).status, 200);
  });

  it('invalid requests are refused as 400 without spending the budget', async () => {
    const keyPrefix = `${tts.prefix}:_ratelimit:tts-c`;
    const post = await instance(keyPrefix, { perLearnerPerMinute: 2, perIpPerMinute: 2 });
    const learner = randomUUID();
    for (let i = 0; i < 5; i++) {
      assert.equal((await post({ text: '' }, learner, '10.3.0.1')).status, 400);
    }
    assert.equal((await post({ text: '你好' }, learner, '10.3.0.1')).status, 200);
    assert.equal((await post({ text: '你好' }, learner, '10.3.0.1')).status, 200);
    await assertRateLimited(await post({ text: '你好' }, learner, '10.3.0.1'));
  });

  it('with Redis down each instance keeps limiting in memory, without hanging', async () => {
    const url = `redis://127.0.0.1:${await deadPort()}`;
    const post = await instance(
      `${tts.prefix}:_ratelimit:tts-d`,
      { perLearnerPerMinute: 2, perIpPerMinute: 100 },
      url,
    );
    const learner = randomUUID();
    const started = Date.now();
    assert.equal((await post({ text: '你好' }, learner, '10.4.0.1')).status, 200);
    assert.equal((await post({ text: '你好' }, learner, '10.4.0.1')).status, 200);
    await assertRateLimited(await post({ text: '你好' }, learner, '10.4.0.1'));
    assert.ok(Date.now() - started < 3_000, 'must not wait on the dead Redis');
  });
});

describe('a paused Redis never slows a request down', () => {
  it('only the first request of a cool-down waits for Redis; the rest count in memory', async () => {
    const target = new URL(SHARED_REDIS_URL);
    const relay = await startTcpProxy({
      listenPort: 0,
      targetHost: target.hostname,
      targetPort: Number(target.port || 6379),
    });
    try {
      const post = await instance(
        `${tts.prefix}:_ratelimit:tts-g`,
        { perLearnerPerMinute: 8, perIpPerMinute: 100 },
        `redis://127.0.0.1:${relay.port}`,
        { reachable: true },
      );
      const learner = randomUUID();
      relay.setFault({ kind: 'stall' }); // SIGSTOP-like: connected, silent
      const waits: number[] = [];
      for (let i = 0; i < 8; i += 1) {
        const started = performance.now();
        assert.equal((await post({ text: '你好' }, learner, '10.7.0.1')).status, 200);
        waits.push(performance.now() - started);
      }
      // Still limited while Redis is away: the insurance limiter has the same budget.
      await assertRateLimited(await post({ text: '你好' }, learner, '10.7.0.1'));
      // Each consume checks two budgets (learner, address): at most those two ran into the
      // Redis timeout, once, instead of every request paying it.
      const stalled = waits.filter((ms) => ms >= 140);
      assert.ok(stalled.length <= 1, `requests that waited on Redis: ${waits.map(Math.round)}`);
    } finally {
      await relay.close();
    }
  });
});

describe('rate-limit settings', () => {
  it('default to budgets a learner never meets, and a load test raises them by environment', async () => {
    const { parseConfig } = await import('@/lib/config');
    const defaults = parseConfig({});
    assert.deepEqual(
      [
        defaults.RATE_LIMIT_TTS_PER_LEARNER_PER_MINUTE,
        defaults.RATE_LIMIT_TTS_PER_IP_PER_MINUTE,
        defaults.RATE_LIMIT_CHAT_PER_LEARNER_PER_MINUTE,
        defaults.RATE_LIMIT_CHAT_PER_IP_PER_MINUTE,
      ],
      [60, 300, 20, 60],
    );
    const raised = parseConfig({ RATE_LIMIT_TTS_PER_IP_PER_MINUTE: '1000000' });
    assert.equal(raised.RATE_LIMIT_TTS_PER_IP_PER_MINUTE, 1_000_000);
    assert.throws(() => parseConfig({ RATE_LIMIT_CHAT_PER_IP_PER_MINUTE: '0' }));
  });

  it('trust one proxy hop by default; 0-10 may be configured, and an empty value is the default', async () => {
    const { parseConfig } = await import('@/lib/config');
    assert.equal(parseConfig({}).TRUSTED_PROXY_HOPS, 1);
    assert.equal(parseConfig({ TRUSTED_PROXY_HOPS: '' }).TRUSTED_PROXY_HOPS, 1);
    assert.equal(parseConfig({ TRUSTED_PROXY_HOPS: '0' }).TRUSTED_PROXY_HOPS, 0);
    assert.equal(parseConfig({ TRUSTED_PROXY_HOPS: '2' }).TRUSTED_PROXY_HOPS, 2);
    for (const bad of ['-1', '11', '1.5', 'two']) {
      assert.throws(() => parseConfig({ TRUSTED_PROXY_HOPS: bad }), /TRUSTED_PROXY_HOPS/);
    }
  });
});
