import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProgressSummary } from '@/lib/progress';
import { newLearner as learner, appRoutesForFile } from '../progress/app-routes';

const app = appRoutesForFile('speak-practice', async () => ({
  progress: await import('@/app/api/progress/route'),
  practice: await import('@/app/api/practice/route'),
}));

const getProgress = (cookie: string) =>
  app.routes.progress.GET(new Request('http://localhost/api/progress', { headers: { cookie } }));

const postPractice = (body: unknown, cookie?: string) =>
  app.routes.practice.POST(
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

  const phraseId = app.curriculum.phraseIds[0];
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
  assert.equal(await app.database.prisma.speakingPractice.count({ where: { learnerId } }), 2);
});

test("one learner's practice never shows in another's progress", async () => {
  const first = learner();
  const second = learner();
  await postPractice(
    { phraseId: app.curriculum.phraseIds[1], score: 0, missedTones: [4] },
    first.cookie,
  );
  const other = (await (await getProgress(second.cookie)).json()) as ProgressSummary;
  assert.equal(other.practisedAloud, 0);
  assert.deepEqual(other.missedTones, []);
});

test('bad input is a 4xx naming the field, and nothing is saved', async () => {
  const { learnerId, cookie } = learner();
  const phraseId = app.curriculum.phraseIds[0];
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
  assert.equal(await app.database.prisma.speakingPractice.count({ where: { learnerId } }), 0);
});
