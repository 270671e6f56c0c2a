import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { issueLearnerCookie, LEARNER_COOKIE } from '@/lib/learner/cookie';
import type { ProgressSummary } from '@/lib/progress';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { redisForTest } from '../support/redis';
import { seedCurriculum, type Curriculum } from './fixtures';

// The routes use the app's own database client and cache, configured from the environment, so
// the environment is pointed at this test's database and Redis prefix before they load.
let database: TestDatabase;
let redis: Awaited<ReturnType<typeof redisForTest>>;
let curriculum: Curriculum;
let progressRoute: typeof import('@/app/api/progress/route');
let reviewsRoute: typeof import('@/app/api/reviews/route');

before(async () => {
  database = await createTestDatabase();
  curriculum = await seedCurriculum(database.prisma);
  redis = await redisForTest('progress-routes');
  process.env.DATABASE_URL = database.url;
  process.env.CACHE_PREFIX = redis.prefix;
  progressRoute = await import('@/app/api/progress/route');
  reviewsRoute = await import('@/app/api/reviews/route');
});

after(async () => {
  const { appCache } = await import('@/lib/app-cache');
  const { prisma } = await import('@/lib/db/client');
  await appCache().close();
  await prisma().$disconnect();
  await redis?.cleanup();
  await database?.drop();
});

function learner() {
  const { learnerId, value } = issueLearnerCookie();
  return { learnerId, cookie: `theme=dark; ${LEARNER_COOKIE}=${value}` };
}

function getProgress(cookie?: string) {
  return progressRoute.GET(
    new Request('http://localhost/api/progress', { headers: cookie ? { cookie } : {} }),
  );
}

function postReview(body: unknown, cookie?: string) {
  return reviewsRoute.POST(
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
  const review = await postReview({ phraseId: curriculum.phraseIds[0], rating: 3 });
  assert.equal(review.status, 401);
});

test('a forged learner cookie is refused like a missing one', async () => {
  const { learnerId } = learner();
  const forged = `${LEARNER_COOKIE}=${learnerId}.forged-signature`;
  assert.equal((await getProgress(forged)).status, 401);
  assert.equal(
    (await postReview({ phraseId: curriculum.phraseIds[0], rating: 3 }, forged)).status,
    401,
  );
});

test('a rating outside 1 to 4 is a 400 naming `rating`', async () => {
  const { cookie } = learner();
  for (const rating of [0, 5, 2.5, 'good', null]) {
    const response = await postReview({ phraseId: curriculum.phraseIds[0], rating }, cookie);
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

  const review = await postReview({ phraseId: curriculum.phraseIds[0], rating: 3 }, cookie);
  assert.equal(review.status, 200);
  const answered = (await review.json()) as {
    card: { phraseId: number; due: string; state: string };
    summary: ProgressSummary;
  };
  assert.equal(answered.card.phraseId, curriculum.phraseIds[0]);
  assert.equal(answered.card.state, 'Learning');
  assert.ok(Date.parse(answered.card.due) > Date.now(), 'the card comes back later');
  assert.equal(answered.summary.reviewedToday, 1);

  const after = await getProgress(cookie);
  assert.equal(after.headers.get('x-cache'), 'HIT', 'the review refilled the cached summary');
  assert.equal(((await after.json()) as ProgressSummary).reviewedToday, 1);

  const saved = await database.prisma.reviewLog.count({ where: { learnerId } });
  assert.equal(saved, 1, 'the learner id came from the cookie');
});
