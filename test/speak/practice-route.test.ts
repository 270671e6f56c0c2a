import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { issueLearnerCookie, LEARNER_COOKIE } from '@/lib/learner/cookie';
import type { ProgressSummary } from '@/lib/progress';
import { seedCurriculum, type Curriculum } from '../progress/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { redisForTest } from '../support/redis';

// The routes use the app's own database client and cache, configured from the environment, so
// the environment is pointed at this test's database and Redis prefix before they load.
let database: TestDatabase;
let redis: Awaited<ReturnType<typeof redisForTest>>;
let curriculum: Curriculum;
let progressRoute: typeof import('@/app/api/progress/route');
let practiceRoute: typeof import('@/app/api/practice/route');

before(async () => {
  database = await createTestDatabase();
  curriculum = await seedCurriculum(database.prisma);
  redis = await redisForTest('speak-practice');
  process.env.DATABASE_URL = database.url;
  process.env.CACHE_PREFIX = redis.prefix;
  progressRoute = await import('@/app/api/progress/route');
  practiceRoute = await import('@/app/api/practice/route');
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
  return { learnerId, cookie: `${LEARNER_COOKIE}=${value}` };
}

const getProgress = (cookie: string) =>
  progressRoute.GET(new Request('http://localhost/api/progress', { headers: { cookie } }));

const postPractice = (body: unknown, cookie?: string) =>
  practiceRoute.POST(
    new Request('http://localhost/api/practice', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );

const fieldOf = async (response: Response) =>
  ((await response.json()) as { error: { field?: string } }).error.field;

test('a "Say it" result counts as practised aloud, with the missed tones, and the cached summary the next read hits shows it', async () => {
  const { learnerId, cookie } = learner();
  const before = await getProgress(cookie);
  const empty = (await before.json()) as ProgressSummary;
  assert.equal(empty.practisedAloud, 0);
  assert.deepEqual(empty.missedTones, []);

  const phraseId = curriculum.phraseIds[0];
  assert.equal((await postPractice({ phraseId, score: 50, missedTones: [3] }, cookie)).status, 200);
  const answer = await postPractice({ phraseId, score: 0, missedTones: [2, 3] }, cookie);
  assert.equal(answer.status, 200);
  const { summary } = (await answer.json()) as { summary: ProgressSummary };
  assert.equal(summary.practisedAloud, 2);
  assert.deepEqual(summary.missedTones, [
    { tone: 3, misses: 2 },
    { tone: 2, misses: 1 },
  ]);

  const after = await getProgress(cookie);
  assert.equal(after.headers.get('x-cache'), 'HIT', 'the practice refilled the cached summary');
  assert.equal(((await after.json()) as ProgressSummary).practisedAloud, 2);
  assert.equal(await database.prisma.speakingPractice.count({ where: { learnerId } }), 2);
});

test("one learner's practice never shows in another's progress", async () => {
  const first = learner();
  const second = learner();
  await postPractice(
    { phraseId: curriculum.phraseIds[1], score: 0, missedTones: [4] },
    first.cookie,
  );
  const other = (await (await getProgress(second.cookie)).json()) as ProgressSummary;
  assert.equal(other.practisedAloud, 0);
  assert.deepEqual(other.missedTones, []);
});

test('bad input is a 4xx naming the field, and nothing is saved', async () => {
  const { learnerId, cookie } = learner();
  const phraseId = curriculum.phraseIds[0];
  assert.equal((await postPractice({ phraseId, score: 50, missedTones: [] })).status, 401);
  const tooHigh = await postPractice({ phraseId, score: 101, missedTones: [] }, cookie);
  assert.equal(tooHigh.status, 400);
  assert.equal(await fieldOf(tooHigh), 'score');
  const badTone = await postPractice({ phraseId, score: 50, missedTones: [6] }, cookie);
  assert.equal(badTone.status, 400);
  assert.equal(await fieldOf(badTone), 'missedTones.0');
  const recording = await postPractice(
    { phraseId, score: 50, missedTones: [], audio: 'x' },
    cookie,
  );
  assert.equal(recording.status, 400, 'no audio field is accepted: the recording stays home');
  assert.equal(await fieldOf(recording), 'audio');
  const unknown = await postPractice({ phraseId: 999_999, score: 50, missedTones: [] }, cookie);
  assert.equal(unknown.status, 404);
  assert.equal(await fieldOf(unknown), 'phraseId');
  assert.equal(await database.prisma.speakingPractice.count({ where: { learnerId } }), 0);
});
