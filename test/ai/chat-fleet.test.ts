import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { handleChatPost } from '@/lib/ai/http/chat-handlers';
import { createOpenAiCompatibleProvider } from '@/lib/ai/openai-compatible-provider';
import { replyCacheKey } from '@/lib/ai/reply-cache-key';
import type { TutorService } from '@/lib/ai/tutor-service';
import type { Cache, NamespaceCounters } from '@/lib/cache';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai';
import { redisForTest } from '../support/redis';
import { aiCache, chatRequest, seedTutorLessons, tutorServiceForTest } from './fixtures';

/**
 * Two app instances: two caches on one Redis prefix, each with its own tutor service, talking
 * to one AI vendor. The `ai` namespace's lease makes the fleet ask the vendor once per question.
 */
interface Instance {
  cache: Cache<'ai'>;
  service: TutorService;
  close(): void;
}

let database: TestDatabase;
let lessonId: number;
let redis: Awaited<ReturnType<typeof redisForTest>>;
let fake: FakeOpenAi;
let first: Instance;
let second: Instance;
const provider = () =>
  createOpenAiCompatibleProvider({
    baseUrl: fake.baseUrl,
    firstByteTimeoutMs: 1500,
    idleTimeoutMs: 1500,
  });

async function startInstance(): Promise<Instance> {
  const cache = aiCache(redis.prefix);
  // Started, as a fleet serving traffic is: the tests read both instances' stats first, and a
  // flush sent while a connection is still opening fails, opening that instance's breaker, so it
  // skipped Redis (leases included) for the first test and asked the vendor a second time.
  assert.equal(await cache.ready(), true, 'the instance reached Redis at start-up');
  const { service, close } = await tutorServiceForTest({
    db: database.prisma,
    cache,
    provider: provider(),
    prefix: redis.prefix,
  });
  return { cache, service, close };
}

before(async () => {
  database = await createTestDatabase();
  lessonId = (await seedTutorLessons(database.prisma)).greetings.id;
  redis = await redisForTest('ai-fleet');
  fake = await startFakeOpenAi();
  first = await startInstance();
  second = await startInstance();
});

after(async () => {
  for (const instance of [first, second]) {
    instance?.close();
    await instance?.cache.close();
  }
  await fake?.close();
  await redis?.cleanup();
  await database?.drop();
});

function ask(instance: Instance, message: string) {
  return handleChatPost(instance.service, chatRequest({ message, lessonId }, randomUUID()));
}

function keyOf(message: string): string {
  return replyCacheKey({
    provider: provider().name,
    model: 'test-model',
    lessonId,
    recentHistory: [{ role: 'user', content: message }],
  });
}

function aiCounters(instance: Instance): NamespaceCounters {
  return instance.cache.stats.snapshot().namespaces.ai;
}

/** Loader calls/errors the two instances counted, and what the dashboard reads fleet-wide. */
async function loaderTotals() {
  await Promise.all([first.cache.stats.flush(), second.cache.stats.flush()]);
  const buckets = await first.cache.stats.history({ namespace: 'ai', minutes: 2 });
  const sum = (pick: (counters: NamespaceCounters) => number) =>
    buckets.reduce((total, bucket) => total + pick(bucket.counters), 0);
  return {
    calls: aiCounters(first).loaderCalls + aiCounters(second).loaderCalls,
    errors: aiCounters(first).loaderErrors + aiCounters(second).loaderErrors,
    dashboardCalls: sum((counters) => counters.loaderCalls),
    dashboardErrors: sum((counters) => counters.loaderErrors),
    dashboardTimed: sum((counters) => counters.loaderLatency.count),
  };
}

describe('the tutor across two app instances', () => {
  it('asks the vendor once when both instances get the same question at the same time', async () => {
    const deltas = ['谢谢', ' (xièxie)', ' means', ' thank you.'];
    fake.behaviour = { kind: 'stream', deltas, pauseMs: 100 };
    const requestsBefore = fake.requests.length;
    const finishedBefore = fake.finishedReplies;
    const totalsBefore = await loaderTotals();

    const replies = await Promise.all(
      [first, second].map(async (instance) => {
        const response = await ask(instance, 'What does xiexie mean?');
        // Headers leave with the first piece: the learner who called the vendor reads the
        // reply while the vendor is still writing it.
        const vendorStillWriting = fake.finishedReplies === finishedBefore;
        return { response, vendorStillWriting, text: await response.text() };
      }),
    );

    assert.equal(fake.requests.length, requestsBefore + 1);
    for (const reply of replies) {
      assert.equal(reply.response.status, 200);
      assert.equal(reply.text, deltas.join(''));
    }
    const headers = replies.map((reply) => reply.response.headers.get('x-cache')).sort();
    assert.deepEqual(headers, ['HIT', 'MISS']);
    const miss = replies.find((reply) => reply.response.headers.get('x-cache') === 'MISS');
    assert.equal(miss?.vendorStillWriting, true);

    const totals = await loaderTotals();
    assert.equal(totals.calls - totalsBefore.calls, 1);
    assert.equal(totals.dashboardCalls - totalsBefore.dashboardCalls, 1);
    assert.equal(totals.dashboardTimed - totalsBefore.dashboardTimed, 1);
    assert.equal(totals.errors, totalsBefore.errors);
  });

  it('serves a reply finished on one instance from the cache on the other', async () => {
    fake.behaviour = { kind: 'stream', deltas: ['再见 (zàijiàn)'] };
    const requestsBefore = fake.requests.length;
    const asked = await ask(first, 'How do I say goodbye?');
    const again = await ask(second, '  how do i say GOODBYE? ');
    assert.equal(asked.headers.get('x-cache'), 'MISS');
    assert.equal(again.headers.get('x-cache'), 'HIT');
    assert.equal(await again.text(), await asked.text());
    assert.equal(fake.requests.length, requestsBefore + 1);
  });

  it('answers 502 for a vendor error, counts it, and caches nothing', async () => {
    const message = 'Are you there? (fleet 500)';
    fake.behaviour = { kind: 'error', status: 500 };
    const totalsBefore = await loaderTotals();
    const failed = await ask(first, message);
    assert.equal(failed.status, 502);
    assert.equal(
      ((await failed.json()) as { error: { code: string } }).error.code,
      'tutor_unavailable',
    );
    assert.equal(await first.cache.inspect('ai', keyOf(message)), null);
    const totals = await loaderTotals();
    assert.equal(totals.errors - totalsBefore.errors, 1);
    assert.equal(totals.dashboardErrors - totalsBefore.dashboardErrors, 1);

    fake.behaviour = { kind: 'stream', deltas: ['在 (zài)'] };
    const retried = await ask(second, message);
    assert.equal(retried.headers.get('x-cache'), 'MISS');
    assert.equal(await retried.text(), '在 (zài)');
  });

  it('does not cache a reply that breaks off halfway', async () => {
    const message = 'Tell me a long story (fleet stall)';
    fake.behaviour = { kind: 'stall', deltas: ['从前'] };
    const started = Date.now();
    const broken = await ask(first, message);
    assert.equal(broken.status, 200);
    await assert.rejects(broken.text());
    assert.ok(Date.now() - started < 5_000, 'must not hang');
    assert.equal(await first.cache.inspect('ai', keyOf(message)), null);

    fake.behaviour = { kind: 'stream', deltas: ['从前有座山。'] };
    const retried = await ask(second, message);
    assert.equal(retried.headers.get('x-cache'), 'MISS');
    assert.equal(await retried.text(), '从前有座山。');
  });
});
