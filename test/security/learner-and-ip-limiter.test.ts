import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { createLearnerAndIpLimiter } from '@/lib/rate-limit/learner-and-ip';
import { redisForTest } from '../support/redis';

// The limiter on every paid route (speech, tutor) against the real Redis (a cluster under
// `npm run test:cache-cluster`): both budgets in one round trip, with the order's meaning kept.

let redis: Awaited<ReturnType<typeof redisForTest>>;

before(async () => {
  redis = await redisForTest('rl');
  if (redis.client.status !== 'ready') await once(redis.client, 'ready');
});

after(() => redis.cleanup());

describe('learner and address limiter', () => {
  it('asks Redis once per request, for both budgets', async () => {
    const limiter = createLearnerAndIpLimiter({
      redis: redis.client,
      keyPrefix: `${redis.prefix}:once`,
      perLearnerPerMinute: 100,
      perIpPerMinute: 100,
    });
    // A spy on the real client (Redis still answers every command): it counts what is sent.
    const client = redis.client as unknown as { sendCommand: (...args: unknown[]) => unknown };
    const send = client.sendCommand;
    let sent = 0;
    client.sendCommand = (...args) => {
      sent += 1;
      return send.apply(redis.client, args);
    };
    try {
      await limiter.consume(randomUUID(), '10.8.0.1'); // may load the script (NOSCRIPT, EVAL)
      sent = 0;
      for (let i = 0; i < 10; i += 1) {
        assert.deepEqual(await limiter.consume(randomUUID(), '10.8.0.1'), { allowed: true });
      }
    } finally {
      client.sendCommand = send;
    }
    assert.equal(sent, 10);
  });

  it('a learner past their budget does not spend the address budget of the others', async () => {
    const limiter = createLearnerAndIpLimiter({
      redis: redis.client,
      keyPrefix: `${redis.prefix}:order`,
      perLearnerPerMinute: 1,
      perIpPerMinute: 3,
    });
    const greedy = randomUUID();
    assert.equal((await limiter.consume(greedy, '10.8.0.2')).allowed, true);
    for (let i = 0; i < 5; i += 1) {
      const refused = await limiter.consume(greedy, '10.8.0.2');
      assert.ok(
        !refused.allowed && refused.retryAfterSeconds >= 1 && refused.retryAfterSeconds <= 60,
      );
    }
    // The address has spent 1 of 3: two more learners there are served, the next is not.
    assert.equal((await limiter.consume(randomUUID(), '10.8.0.2')).allowed, true);
    assert.equal((await limiter.consume(randomUUID(), '10.8.0.2')).allowed, true);
    assert.equal((await limiter.consume(randomUUID(), '10.8.0.2')).allowed, false);
  });
});
