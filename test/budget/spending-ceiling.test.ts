import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { handleChatPost } from '@/lib/ai/http/chat-handlers';
import { loadCurriculumPhrases } from '@/lib/ai/lesson-context';
import { createOfflineTutor } from '@/lib/ai/offline/offline-tutor';
import { speechWithinCeiling, tutorWithinCeiling } from '@/lib/budget/ceiling-providers';
import { createSpendingCeiling, SpendingCeilingError } from '@/lib/budget/spending-ceiling';
import { handleSpeechPost } from '@/lib/tts/http/speech-handlers';
import { deadPort } from '../support/dead-port';
import { redisForTest } from '../support/redis';
import { chatRequest, startTutorHarness } from '../ai/fixtures';
import { speechHarnessForFile, type SpeechHarness } from '../tts/fixtures';

let tts: SpeechHarness;
speechHarnessForFile((created) => ({ tts } = created));

let redis: Awaited<ReturnType<typeof redisForTest>>;
before(async () => {
  redis = await redisForTest('budget');
});
after(async () => {
  await redis?.cleanup();
});

/** Two app instances' ceilings on one Redis: the fleet shares one budget. */
function fleetCeilings(limitPerMinute: number) {
  return [1, 2].map(() =>
    createSpendingCeiling({
      redis: redis.client,
      prefix: redis.prefix,
      upstream: 'tts',
      limitPerMinute,
    }),
  );
}

describe('the fleet-wide spending ceiling', () => {
  it('is shared by every instance, refuses past the limit, and refused calls cost nothing', async () => {
    const [a, b] = fleetCeilings(10);
    await a!.charge(6);
    await assert.rejects(b!.charge(5), (error: unknown) => {
      assert.ok(error instanceof SpendingCeilingError);
      assert.ok(error.retryAfterSeconds >= 1 && error.retryAfterSeconds <= 60);
      return true;
    });
    await b!.charge(4);
    assert.deepEqual(await a!.usage(), { upstream: 'tts', used: 10, limit: 10, scope: 'fleet' });
  });

  it('counts per instance against the same limit while Redis is unreachable', async () => {
    const dead = new Redis({
      port: await deadPort(),
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
    });
    dead.on('error', () => {});
    try {
      const ceiling = createSpendingCeiling({
        redis: dead,
        prefix: 'x',
        upstream: 'ai',
        limitPerMinute: 2,
      });
      await ceiling.charge(1);
      await ceiling.charge(1);
      await assert.rejects(ceiling.charge(1), SpendingCeilingError);
      assert.equal((await ceiling.usage()).scope, 'instance');
    } finally {
      dead.disconnect();
    }
  });

  it('POST /api/tts: a new phrase past the ceiling is a 503 with Retry-After, and the engine is not called; a cached phrase still plays', async () => {
    const ceiling = createSpendingCeiling({
      redis: redis.client,
      prefix: `${redis.prefix}:route`,
      upstream: 'tts',
      limitPerMinute: 5,
    });
    const service = tts.serviceFor(speechWithinCeiling(tts.google, ceiling));
    const post = (text: string) =>
      handleSpeechPost(
        service,
        new Request('http://localhost/api/tts', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text }),
        }),
      );
    assert.equal((await post('你好')).status, 200);
    const callsBefore = tts.fake.synthesizeCalls.length;
    const refused = await post('谢谢你们');
    assert.equal(refused.status, 503);
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    assert.equal(
      ((await refused.json()) as { error: { code: string } }).error.code,
      'spending_ceiling',
    );
    assert.equal(tts.fake.synthesizeCalls.length, callsBefore, 'the engine was not called');
    const cached = await post('你好');
    assert.equal(cached.status, 200);
    assert.equal(cached.headers.get('x-cache'), 'HIT');
  });
});

describe('the tutor behind its ceiling', () => {
  it('POST /api/chat past the ceiling is a 503 with Retry-After before any reply starts', async () => {
    const ceiling = createSpendingCeiling({
      redis: redis.client,
      prefix: `${redis.prefix}:chat`,
      upstream: 'ai',
      limitPerMinute: 1,
    });
    const harness = await startTutorHarness('budget-chat', (db) => ({
      provider: tutorWithinCeiling(
        createOfflineTutor({ loadCurriculum: () => loadCurriculumPhrases(db) }),
        ceiling,
      ),
    }));
    try {
      const learner = randomUUID();
      const first = await handleChatPost(
        harness.service,
        chatRequest({ message: '你好' }, learner),
      );
      assert.equal(first.status, 200);
      await first.text();
      const refused = await handleChatPost(
        harness.service,
        chatRequest({ message: '谢谢' }, learner),
      );
      assert.equal(refused.status, 503);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    } finally {
      await harness.close();
    }
  });
});
