import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LEARNER_COOKIE } from '@/lib/learner/cookie';
import type { ProgressSummary } from '@/lib/progress';
import { newLearner, appRoutesForFile } from './app-routes';

const app = appRoutesForFile('progress-routes', async () => ({
  progress: await import('@/app/api/progress/route'),
  reviews: await import('@/app/api/reviews/route'),
}));

// Another cookie first: the learner's is found among the request's cookies.
const learner = () => newLearner('theme=dark; ');

function getProgress(cookie?: string) {
  return app.routes.progress.GET(
    new Request('http://localhost/api/progress', { headers: cookie ? { cookie } : {} }),
  );
}

function postReview(body: unknown, cookie?: string) {
  return app.routes.reviews.POST(
    new Request('http://localhost/api/reviews', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; field?: string } }).error;
}

test('without a learner cookie both routes answer 401 JSON', async () => {
  const progress = await getProgress();
  assert.equal(progress.status, 401);
  assert.equal((await errorOf(progress)).code, 'no_learner');
  const review = await postReview({ phraseId: app.curriculum.phraseIds[0], rating: 3 });
  assert.equal(review.status, 401);
});

test('a forged learner cookie is refused like a missing one', async () => {
  const { learnerId } = learner();
  const forged = `${LEARNER_COOKIE}=${learnerId}.forged-signature`;
  assert.equal((await getProgress(forged)).status, 401);
  assert.equal(
    (await postReview({ phraseId: app.curriculum.phraseIds[0], rating: 3 }, forged)).status,
    401,
  );
});

test('a rating outside 1 to 4 is a 400 naming `rating`', async () => {
  const { cookie } = learner();
  for (const rating of [0, 5, 2.5, 'good', null]) {
    const response = await postReview({ phraseId: app.curriculum.phraseIds[0], rating }, cookie);
    assert.equal(response.status, 400, `rating ${JSON.stringify(rating)}`);
    assert.equal((await errorOf(response)).field, 'rating');
  }
});

test('a bad phrase id or a body that is not JSON is a 400 naming the field', async () => {
  const { cookie } = learner();
  const badPhrase = await postReview({ phraseId: 'abc', rating: 3 }, cookie);
  assert.equal(badPhrase.status, 400);
  assert.equal((await errorOf(badPhrase)).field, 'phraseId');
  const notJson = await postReview('{"phraseId": 1,', cookie);
  assert.equal(notJson.status, 400);
  assert.equal((await errorOf(notJson)).field, 'body');
});

test('an unknown phrase is a 404', async () => {
  const { cookie } = learner();
  const response = await postReview({ phraseId: 999_999, rating: 3 }, cookie);
  assert.equal(response.status, 404);
  assert.deepEqual(await errorOf(response), {
    code: 'unknown_phrase',
    message: 'No phrase with id 999999',
    field: 'phraseId',
  });
});

test('a review answers the next due date and the summary, and refills the cached summary the next read hits', async () => {
  const { learnerId, cookie } = learner();
  const before = await getProgress(cookie);
  assert.equal(before.status, 200);
  assert.equal(before.headers.get('x-cache'), 'MISS');
  assert.equal(((await before.json()) as ProgressSummary).reviewedToday, 0);

  const review = await postReview({ phraseId: app.curriculum.phraseIds[0], rating: 3 }, cookie);
  assert.equal(review.status, 200);
  const answered = (await review.json()) as {
    card: { phraseId: number; due: string; state: string };
    summary: ProgressSummary;
  };
  assert.equal(answered.card.phraseId, app.curriculum.phraseIds[0]);
  assert.equal(answered.card.state, 'Learning');
  assert.ok(Date.parse(answered.card.due) > Date.now(), 'the card comes back later');
  assert.equal(answered.summary.reviewedToday, 1);

  const after = await getProgress(cookie);
  assert.equal(after.headers.get('x-cache'), 'HIT', 'the review refilled the cached summary');
  assert.equal(((await after.json()) as ProgressSummary).reviewedToday, 1);

  const saved = await app.database.prisma.reviewLog.count({ where: { learnerId } });
  assert.equal(saved, 1, 'the learner id came from the cookie');
});
