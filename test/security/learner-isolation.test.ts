import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { LEARNER_COOKIE } from '@/lib/learner/cookie';
import { sign } from '@/lib/security/signed-value';
import {
  apiError,
  newLearner,
  startAppEnvironment,
  type AppEnvironment,
} from '../input/app-environment';

// Two learners against the app's real routes, database and Redis: nothing one does or asks for
// reaches the other, whether the answer comes from the database or from the cache.

const app: AppEnvironment = await startAppEnvironment('isolation');
const progressRoute = await import('@/app/api/progress/route');
const reviewsRoute = await import('@/app/api/reviews/route');
const chatRoute = await import('@/app/api/chat/route');
const conversationRoute = await import('@/app/api/conversations/[id]/route');

after(async () => {
  await app.close();
});

const alice = newLearner();
const bob = newLearner();
const { id: phraseId } = await app.database.prisma.phrase.findFirstOrThrow({
  orderBy: { id: 'asc' },
});

interface Summary {
  totalReviews: number;
  lessons: { seen: number }[];
}

async function progressOf(cookie: string): Promise<{ summary: Summary; cache: string | null }> {
  const response = await progressRoute.GET(
    new Request('http://localhost/api/progress', { headers: { cookie } }),
  );
  assert.equal(response.status, 200);
  return { summary: (await response.json()) as Summary, cache: response.headers.get('x-cache') };
}

/** A JSON POST from the browser holding `cookie`. */
function postJson(path: string, cookie: string, body: unknown) {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
  });
}

const review = (cookie: string, body: unknown) =>
  reviewsRoute.POST(postJson('/api/reviews', cookie, body));

const chat = (cookie: string, body: unknown) => chatRoute.POST(postJson('/api/chat', cookie, body));

function conversation(cookie: string, id: string) {
  return conversationRoute.GET(
    new Request(`http://localhost/api/conversations/${id}`, { headers: { cookie } }),
    { params: Promise.resolve({ id }) },
  );
}

describe('progress', () => {
  it('one learner’s reviews never show in another’s summary, cached or not', async () => {
    assert.equal((await review(alice.cookie, { phraseId, rating: 3 })).status, 200);
    const aliceView = await progressOf(alice.cookie);
    assert.equal(aliceView.summary.totalReviews, 1);

    const bobFirst = await progressOf(bob.cookie);
    const bobAgain = await progressOf(bob.cookie);
    assert.equal(bobAgain.cache, 'HIT', 'the second read is served from the cache');
    for (const view of [bobFirst, bobAgain]) {
      assert.equal(view.summary.totalReviews, 0);
      assert.ok(view.summary.lessons.every((lesson) => lesson.seen === 0));
    }
    // Alice's cached summary is still hers after Bob's reads.
    const aliceAgain = await progressOf(alice.cookie);
    assert.equal(aliceAgain.cache, 'HIT');
    assert.equal(aliceAgain.summary.totalReviews, 1);
  });

  it('a learner id in the body cannot redirect a review to someone else', async () => {
    const response = await review(bob.cookie, { phraseId, rating: 1, learnerId: alice.learnerId });
    assert.equal(response.status, 400);
    assert.equal((await apiError(response)).field, 'learnerId');
    assert.equal((await progressOf(alice.cookie)).summary.totalReviews, 1);
  });

  it('a cookie carrying another learner’s id without its signature is refused', async () => {
    const forged = `${LEARNER_COOKIE}=${alice.learnerId}.${sign(bob.learnerId).split('.')[1]}`;
    const response = await progressRoute.GET(
      new Request('http://localhost/api/progress', { headers: { cookie: forged } }),
    );
    assert.equal(response.status, 401);
    assert.equal((await review(forged, { phraseId, rating: 1 })).status, 401);
    assert.equal((await progressOf(alice.cookie)).summary.totalReviews, 1);
  });
});

describe('conversations', () => {
  it('another learner’s conversation is “not found”, read or continued, its reply cached or not', async () => {
    const ids: string[] = [];
    for (const expected of ['MISS', 'HIT']) {
      // The same opening question twice: the second reply comes from the shared reply cache.
      const started = await chat(alice.cookie, { message: 'ni3 hao3' });
      assert.equal(started.status, 200);
      assert.equal(started.headers.get('x-cache'), expected);
      await started.text();
      ids.push(started.headers.get('x-conversation-id') ?? '');
    }
    for (const id of ids) {
      assert.equal((await conversation(alice.cookie, id)).status, 200);
      const read = await conversation(bob.cookie, id);
      assert.equal(read.status, 404);
      assert.equal((await apiError(read)).code, 'conversation_not_found');

      const messagesBefore = await app.database.prisma.message.count({
        where: { conversationId: id },
      });
      const hijack = await chat(bob.cookie, { message: 'ni3 hao3', conversationId: id });
      assert.equal(hijack.status, 404);
      assert.equal((await apiError(hijack)).field, 'conversationId');
      assert.equal(
        await app.database.prisma.message.count({ where: { conversationId: id } }),
        messagesBefore,
        'nothing was added to Alice’s conversation',
      );
    }
  });
});
