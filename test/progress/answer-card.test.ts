import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import type { Outcome } from '@/lib/http/outcome';
import { answerCard } from '@/lib/progress/answer-card';
import { newLearner as learner, startAppEnvironment } from '../input/app-environment';
import { reviewRequest } from './fixtures';

/**
 * lib/progress/answer-card.ts through the door the review page's Server Action uses
 * (app/review/actions.ts: the learner from `cookies()`, the key and the answer as arguments),
 * side by side with `POST /api/reviews`, on a real database: one implementation, one store of
 * idempotency keys, the same refusals.
 */

const app = await startAppEnvironment('answer-card');
const reviewsRoute = await import('@/app/api/reviews/route');
const { appProgress } = await import('@/lib/server/learning');
const phraseId = (await app.database.prisma.phrase.findFirstOrThrow({ orderBy: { id: 'asc' } })).id;

after(() => app.close());

const reviewCount = (learnerId: string) =>
  app.database.prisma.reviewLog.count({ where: { learnerId } });

/** As the action calls it. */
function viaAction(learnerId: string | null, answer: unknown, idempotencyKey?: unknown) {
  return answerCard(appProgress(), { learnerId, idempotencyKey }, async () => ({
    ok: true,
    value: answer,
  }));
}

function viaRoute(cookie: string, answer: unknown, key?: string) {
  return reviewsRoute.POST(reviewRequest(cookie, answer, key));
}

function failureOf<T>(outcome: Outcome<T>) {
  if (outcome.ok) assert.fail('expected a refusal');
  return outcome.failure;
}

describe('rating a card through the action', () => {
  test('without a learner: 401 naming the cookie, nothing saved', async () => {
    const failure = failureOf(await viaAction(null, { phraseId, rating: 3 }));
    assert.deepEqual([failure.status, failure.code, failure.field], [401, 'no_learner', 'cookie']);
  });

  test('a bad answer is the route’s 400, naming the same field', async () => {
    const { learnerId, cookie } = learner();
    const answers: { answer: unknown; field: string }[] = [
      { answer: { phraseId, rating: 5 }, field: 'rating' },
      { answer: { phraseId: -1, rating: 3 }, field: 'phraseId' },
      { answer: { phraseId, rating: 3, learnerId: randomUUID() }, field: 'learnerId' },
      { answer: { phraseId, rating: 3, note: 'a\u0000b' }, field: 'note' },
      { answer: null, field: 'body' },
    ];
    for (const { answer, field } of answers) {
      const action = failureOf(await viaAction(learnerId, answer));
      const route = await viaRoute(cookie, answer);
      const { error } = (await route.json()) as { error: Record<string, string> };
      assert.equal(route.status, action.status, JSON.stringify(answer));
      assert.deepEqual(error, { code: action.code, message: action.message, field: action.field });
      assert.equal(action.field, field, JSON.stringify(answer));
    }
    assert.equal(await reviewCount(learnerId), 0);
  });

  test('an unknown phrase is a 404 naming phraseId', async () => {
    const failure = failureOf(
      await viaAction(learner().learnerId, { phraseId: 999999, rating: 3 }),
    );
    assert.deepEqual([failure.status, failure.field], [404, 'phraseId']);
  });

  test('a key that is not a string, or malformed, is a 400 naming the key', async () => {
    const { learnerId } = learner();
    for (const key of [42, { id: 1 }, '', 'é']) {
      const failure = failureOf(await viaAction(learnerId, { phraseId, rating: 3 }, key));
      assert.deepEqual([failure.status, failure.field], [400, 'Idempotency-Key']);
    }
    assert.equal(await reviewCount(learnerId), 0);
  });

  test('a retried answer is applied once and its result replayed', async () => {
    const { learnerId } = learner();
    const key = randomUUID();
    const first = await viaAction(learnerId, { phraseId, rating: 3 }, key);
    const retry = await viaAction(learnerId, { phraseId, rating: 3 }, key);
    assert.ok(first.ok && retry.ok);
    assert.equal(first.value.replayed, false);
    assert.equal(retry.value.replayed, true);
    assert.deepEqual(retry.value.card, first.value.card);
    assert.ok(first.value.summary, 'the result carries the summary after the write');
    assert.equal(await reviewCount(learnerId), 1);

    const changed = failureOf(await viaAction(learnerId, { phraseId, rating: 1 }, key));
    assert.deepEqual([changed.status, changed.code], [422, 'idempotency_key_reused']);
    assert.equal(await reviewCount(learnerId), 1);
  });

  test('the route and the action share one store of keys: a route retry replays the action', async () => {
    const { learnerId, cookie } = learner();
    const key = randomUUID();
    assert.ok((await viaAction(learnerId, { phraseId, rating: 4 }, key)).ok);
    const route = await viaRoute(cookie, { phraseId, rating: 4 }, key);
    assert.equal(route.status, 200);
    assert.equal(route.headers.get('idempotent-replayed'), 'true');
    assert.equal(await reviewCount(learnerId), 1);
  });
});
