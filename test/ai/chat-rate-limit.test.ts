import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { createRedisConnection } from '@/lib/cache';
import {
  createLearnerAndIpLimiter,
  type LearnerAndIpLimitOptions,
} from '@/lib/rate-limit/learner-and-ip';
import { PATIENT_REDIS_MS } from '../support/patient-redis';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The chat route's limiter with its default budgets, unless a test narrows one. */
function chatLimiter(
  options: Pick<LearnerAndIpLimitOptions, 'redis' | 'keyPrefix'> &
    Partial<LearnerAndIpLimitOptions>,
) {
  return createLearnerAndIpLimiter({
    perLearnerPerMinute: 20,
    perIpPerMinute: 60,
    redisTimeoutMs: PATIENT_REDIS_MS,
    ...options,
  });
}

describe('chat rate limit', () => {
  const redis = createRedisConnection(
    { mode: 'standalone', url: REDIS_URL },
    { commandTimeoutMs: PATIENT_REDIS_MS },
  );
  const keyPrefix = `test-ai-rl-${randomUUID()}`;

  before(async () => {
    if (redis.status !== 'ready') await once(redis, 'ready');
  });

  after(async () => {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('refuses a learner’s message past the per-minute limit, with a retry delay', async () => {
    const limiter = chatLimiter({ redis, keyPrefix, perLearnerPerMinute: 3 });
    const learner = randomUUID();
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(await limiter.consume(learner, '10.0.0.1'), { allowed: true });
    }
    const refused = await limiter.consume(learner, '10.0.0.1');
    assert.equal(refused.allowed, false);
    assert.ok(
      !refused.allowed && refused.retryAfterSeconds >= 1 && refused.retryAfterSeconds <= 60,
    );
    assert.deepEqual(await limiter.consume(randomUUID(), '10.0.0.1'), { allowed: true });
  });

  it('shares one budget between app instances through Redis', async () => {
    const options = { redis, keyPrefix: `${keyPrefix}:fleet`, perLearnerPerMinute: 2 };
    const instanceA = chatLimiter(options);
    const instanceB = chatLimiter(options);
    const learner = randomUUID();
    assert.equal((await instanceA.consume(learner, '10.0.0.5')).allowed, true);
    assert.equal((await instanceB.consume(learner, '10.0.0.5')).allowed, true);
    assert.equal((await instanceA.consume(learner, '10.0.0.5')).allowed, false);
  });

  it('limits one address that keeps minting new learners', async () => {
    const limiter = chatLimiter({
      redis,
      keyPrefix: `${keyPrefix}:ip-test`,
      perIpPerMinute: 2,
    });
    assert.equal((await limiter.consume(randomUUID(), '10.0.0.2')).allowed, true);
    assert.equal((await limiter.consume(randomUUID(), '10.0.0.2')).allowed, true);
    assert.equal((await limiter.consume(randomUUID(), '10.0.0.2')).allowed, false);
    assert.equal((await limiter.consume(randomUUID(), '10.0.0.3')).allowed, true);
  });

  it('keeps limiting in memory, without hanging, when Redis is down', async () => {
    const dead = createRedisConnection({ mode: 'standalone', url: 'redis://127.0.0.1:1' });
    dead.on('error', () => {});
    try {
      const limiter = chatLimiter({ redis: dead, keyPrefix, perLearnerPerMinute: 2 });
      const learner = randomUUID();
      const started = Date.now();
      assert.equal((await limiter.consume(learner, '10.0.0.4')).allowed, true);
      assert.equal((await limiter.consume(learner, '10.0.0.4')).allowed, true);
      assert.equal((await limiter.consume(learner, '10.0.0.4')).allowed, false);
      assert.ok(Date.now() - started < 3_000, 'must not hang');
    } finally {
      dead.disconnect();
    }
  });
});
