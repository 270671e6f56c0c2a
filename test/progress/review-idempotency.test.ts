import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import type { Cache } from '@/lib/cache';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import {
  createProgress,
  IdempotencyKeyInProgressError,
  type Progress,
  type ProgressCache,
} from '@/lib/progress';
import { newLearner as learner, startAppEnvironment } from '../input/app-environment';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { progressCache, reviewRequest } from './fixtures';

/**
 * A rating retried (a lost response, a 503, a double click) is applied once: the retry carries
 * the same Idempotency-Key and gets the first answer back, on any instance.
 */

const app = await startAppEnvironment('review-idempotency');
const database = app.database;
const reviewsRoute = await import('@/app/api/reviews/route');
const phraseIds = (
  await database.prisma.phrase.findMany({ take: 3, orderBy: { id: 'asc' }, select: { id: true } })
).map((phrase) => phrase.id);
const curriculum = { phraseIds };
const cache: Cache<'progress'> = progressCache(app.prefix);
const extraClients: PrismaClient[] = [];

after(async () => {
  await Promise.all(extraClients.map((client) => client.$disconnect()));
  await cache.close();
  await app.close();
});

function postReview(cookie: string, body: unknown, key?: string) {
  return reviewsRoute.POST(reviewRequest(cookie, body, key));
}

const reviewCount = (learnerId: string) =>
  database.prisma.reviewLog.count({ where: { learnerId } });

describe('POST /api/reviews with an Idempotency-Key', () => {
  test('a retry with the same key replays the first answer and saves nothing more', async () => {
    const { learnerId, cookie } = learner();
    const body = { phraseId: curriculum.phraseIds[0]!, rating: 3 };
    const key = randomUUID();
    const first = await postReview(cookie, body, key);
    assert.equal(first.status, 200);
    const retry = await postReview(cookie, body, `"${key}"`); // the draft's quoted form
    assert.equal(retry.status, 200);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    const [a, b] = (await Promise.all([first.json(), retry.json()])) as { card: unknown }[];
    assert.deepEqual(b!.card, a!.card, 'the same card, not one reviewed twice');
    assert.equal(await reviewCount(learnerId), 1);

    const fresh = await postReview(cookie, body, randomUUID());
    assert.equal(fresh.status, 200, 'another key is another review');
    assert.equal(await reviewCount(learnerId), 2);
  });

  test('the same key with another body is refused with 422 naming the header', async () => {
    const { learnerId, cookie } = learner();
    const key = randomUUID();
    assert.equal(
      (await postReview(cookie, { phraseId: curriculum.phraseIds[0]!, rating: 3 }, key)).status,
      200,
    );
    const reused = await postReview(cookie, { phraseId: curriculum.phraseIds[0]!, rating: 1 }, key);
    assert.equal(reused.status, 422);
    const { error } = (await reused.json()) as { error: { code: string; field: string } };
    assert.equal(error.code, 'idempotency_key_reused');
    assert.equal(error.field, 'Idempotency-Key');
    assert.equal(await reviewCount(learnerId), 1);
  });

  test('keys are per learner: another learner may use the same key', async () => {
    const key = randomUUID();
    const body = { phraseId: curriculum.phraseIds[0]!, rating: 3 };
    const alice = learner();
    const bob = learner();
    assert.equal((await postReview(alice.cookie, body, key)).status, 200);
    const bobs = await postReview(bob.cookie, body, key);
    assert.equal(bobs.status, 200);
    assert.equal(bobs.headers.get('idempotent-replayed'), null);
    assert.equal(await reviewCount(bob.learnerId), 1);
  });

  test('a malformed key is a 400 naming the header', async () => {
    const { cookie } = learner();
    const body = { phraseId: curriculum.phraseIds[0]!, rating: 3 };
    for (const key of ['', '   ', 'x'.repeat(256), 'é']) {
      const response = await postReview(cookie, body, key);
      assert.equal(response.status, 400, JSON.stringify(key));
      const { error } = (await response.json()) as { error: { field: string } };
      assert.equal(error.field, 'Idempotency-Key');
    }
  });
});

describe('across instances', () => {
  test('the same key sent to two instances at once is applied once', async () => {
    const instances: Progress[] = [0, 1].map(() => {
      const db = createPrismaClient(database.url);
      extraClients.push(db);
      return createProgress({ db, cache });
    });
    for (let round = 0; round < 10; round += 1) {
      const learnerId = randomUUID();
      const input = {
        learnerId,
        phraseId: curriculum.phraseIds[round % 3]!,
        rating: 3 as const,
        idempotencyKey: randomUUID(),
      };
      const outcomes = await Promise.allSettled(instances.map((p) => p.review(input)));
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') {
          // Still running on the other instance: the client is told to retry (409).
          assert.ok(outcome.reason instanceof IdempotencyKeyInProgressError, outcome.reason);
        }
      }
      assert.ok(outcomes.some((outcome) => outcome.status === 'fulfilled'));
      assert.equal(await reviewCount(learnerId), 1, `round ${round}: applied once`);
      const retried = await instances[1]!.review(input);
      assert.equal(retried.replayed, true, 'a later retry is a replay');
      assert.equal(await reviewCount(learnerId), 1);
    }
  });
});

describe('once the review is committed, the answer reports it', () => {
  test('the database failing right after the commit still answers the saved card', async () => {
    const proxy: TcpProxy = await startTcpProxy({
      listenPort: 0,
      targetPort: Number(new URL(database.url).port || 5432),
    });
    const url = new URL(database.url);
    url.host = `127.0.0.1:${proxy.port}`;
    const db = createPrismaClient(url.toString(), { connectTimeoutMs: 500, queryTimeoutMs: 800 });
    extraClients.push(db);
    const failures: unknown[] = [];
    // The outage starts exactly between the commit and the summary's refill.
    const cutBeforeRefill: ProgressCache = {
      delete: (...args) => cache.delete(...args),
      getOrSet: async (call) => {
        await proxy.cut();
        return cache.getOrSet(call);
      },
    };
    const progress = createProgress({
      db,
      cache: cutBeforeRefill,
      onCacheError: (error) => failures.push(error),
    });
    try {
      const learnerId = randomUUID();
      const result = await progress.review({
        learnerId,
        phraseId: curriculum.phraseIds[0]!,
        rating: 3,
        idempotencyKey: randomUUID(),
      });
      assert.equal(result.card.reps, 1, 'the saved card is answered');
      assert.equal(result.summary, null, 'the summary could not be read');
      assert.equal(failures.length, 1, 'the failed step was reported');
      assert.equal(await reviewCount(learnerId), 1);
    } finally {
      await proxy.close();
    }
  });
});
