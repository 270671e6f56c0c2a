import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Cache } from '@/lib/cache';
import { createProgress, progressSummaryKey, type Progress } from '@/lib/progress/progress';
import { loadProgressSummary, storedProgressSchema } from '@/lib/progress/summary';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { redisForTest, uniquePrefix } from '../support/redis';
import {
  deadPort,
  gate,
  manualClock,
  progressCache,
  seedCurriculum,
  type Curriculum,
} from './fixtures';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let database: TestDatabase;
let curriculum: Curriculum;
let redis: Awaited<ReturnType<typeof redisForTest>>;
let cache: Cache<'progress'>;
const clock = manualClock('2025-03-10T09:00:00.000Z');
let progress: Progress;

before(async () => {
  database = await createTestDatabase();
  curriculum = await seedCurriculum(database.prisma);
  redis = await redisForTest('progress');
  cache = progressCache(redis.prefix);
  progress = createProgress({ db: database.prisma, cache, clock: clock.now });
});

after(async () => {
  await cache?.close();
  await redis?.cleanup();
  await database?.drop();
});

describe('scheduling', () => {
  test('a new card rated Good comes back after the 10-minute learning step', async () => {
    clock.set('2025-03-10T09:00:00.000Z');
    const learnerId = randomUUID();
    const { card } = await progress.review({
      learnerId,
      phraseId: curriculum.phraseIds[0]!,
      rating: 3,
    });
    assert.equal(card.due, '2025-03-10T09:10:00.000Z');
    assert.equal(card.state, 'Learning');
    const saved = await database.prisma.reviewState.findUniqueOrThrow({
      where: { learnerId_phraseId: { learnerId, phraseId: curriculum.phraseIds[0]! } },
    });
    assert.equal(saved.due.toISOString(), card.due, 'the database holds the same due date');
  });

  test('Again brings a card back in a minute, Easy in days, and each Good widens the interval', async () => {
    clock.set('2025-03-10T09:00:00.000Z');
    const learnerId = randomUUID();
    const [again, easy] = curriculum.phraseIds;
    const forgotten = await progress.review({ learnerId, phraseId: again!, rating: 1 });
    assert.equal(forgotten.card.due, '2025-03-10T09:01:00.000Z');

    const known = await progress.review({ learnerId, phraseId: easy!, rating: 4 });
    assert.equal(known.card.state, 'Review');
    const firstInterval = Date.parse(known.card.due) - clock.now().getTime();
    assert.ok(
      firstInterval >= DAY,
      `Easy schedules at least a day ahead (got ${firstInterval} ms)`,
    );

    clock.set(known.card.due);
    const again2 = await progress.review({ learnerId, phraseId: easy!, rating: 3 });
    const secondInterval = Date.parse(again2.card.due) - clock.now().getTime();
    assert.ok(secondInterval > firstInterval, 'a successful review pushes the card further out');
    assert.equal(again2.card.reps, 2);

    const logs = await database.prisma.reviewLog.count({ where: { learnerId } });
    assert.equal(logs, 3, 'every answer is logged');
  });

  test('the learner row is created on the first review, not before', async () => {
    const learnerId = randomUUID();
    await progress.progressSummary(learnerId);
    assert.equal(await database.prisma.learner.count({ where: { id: learnerId } }), 0);
    await progress.review({ learnerId, phraseId: curriculum.phraseIds[0]!, rating: 3 });
    assert.equal(await database.prisma.learner.count({ where: { id: learnerId } }), 1);
  });

  test('an unknown phrase is refused and saves nothing', async () => {
    const learnerId = randomUUID();
    await assert.rejects(
      progress.review({ learnerId, phraseId: 987_654, rating: 3 }),
      (error: Error) => error.name === 'UnknownPhraseError',
    );
    assert.equal(await database.prisma.learner.count({ where: { id: learnerId } }), 0);
  });
});

describe('read your own writes', () => {
  test('a cached summary is replaced by the review: read, review, read again sees it', async () => {
    clock.set('2025-03-11T08:00:00.000Z');
    const learnerId = randomUUID();
    const first = await progress.progressSummary(learnerId);
    assert.equal(first.cache, 'miss');
    assert.equal(first.summary.reviewedToday, 0);
    const cached = await progress.progressSummary(learnerId);
    assert.equal(cached.cache, 'hit', 'the second read is served from the cache');

    const { summary: answered } = await progress.review({
      learnerId,
      phraseId: curriculum.phraseIds[0]!,
      rating: 3,
    });
    assert.equal(answered?.reviewedToday, 1, 'the review response already counts the review');

    const reread = await progress.progressSummary(learnerId);
    assert.equal(reread.cache, 'hit', 'the review refilled the cache with the new summary');
    assert.equal(reread.summary.reviewedToday, 1);
    assert.equal(reread.summary.totalReviews, 1);
    assert.equal(reread.summary.lessons[0]!.seen, 1);
  });

  test('a read that loaded old progress before a review cannot leave it cached', async () => {
    clock.set('2025-03-12T08:00:00.000Z');
    const learnerId = randomUUID();
    const key = progressSummaryKey(learnerId, '2025-03-12');
    const held = gate();
    const loaded = gate();
    // A reader (another request) loads the summary, then stalls before the cache stores it.
    const slowRead = cache.getOrSet({
      namespace: 'progress',
      key,
      schema: storedProgressSchema,
      loader: async () => {
        const old = await loadProgressSummary(database.prisma, learnerId, clock.now());
        loaded.open();
        await held.opened;
        return old;
      },
    });
    await loaded.opened;
    await progress.review({ learnerId, phraseId: curriculum.phraseIds[0]!, rating: 3 });
    // A read after the review, while the old load is still in flight, must not join it.
    const laterRead = progress.progressSummary(learnerId);
    held.open();

    assert.equal((await slowRead).value.reviewedToday, 0, 'the slow reader itself saw the past');
    assert.equal((await laterRead).summary.reviewedToday, 1, 'a read after the write sees it');
    const settled = await progress.progressSummary(learnerId);
    assert.equal(settled.summary.reviewedToday, 1, 'the old load did not overwrite the cache');
  });

  test('two racing reviews both count, and the cache ends on the newer summary', async () => {
    clock.set('2025-03-13T08:00:00.000Z');
    const learnerId = randomUUID();
    await progress.progressSummary(learnerId);
    const [a, b] = curriculum.phraseIds;
    const results = await Promise.all([
      progress.review({ learnerId, phraseId: a!, rating: 3 }),
      progress.review({ learnerId, phraseId: b!, rating: 3 }),
    ]);
    // Each answer reflects at least its own review, and whichever committed last sees both. (The
    // first may see both too: its summary is read after its commit, by which time the other one
    // may have committed as well.)
    const counts = results.map((r) => r.summary?.reviewedToday ?? 0);
    assert.ok(
      counts.every((count) => count >= 1),
      `each review sees itself: ${counts}`,
    );
    assert.equal(Math.max(...counts), 2);
    assert.equal((await progress.progressSummary(learnerId)).summary.reviewedToday, 2);
  });
});

describe('Redis down', () => {
  test('reviews are saved and reads come from the database, without hanging', async () => {
    const downCache = progressCache(
      uniquePrefix('progress-down'),
      `redis://127.0.0.1:${await deadPort()}`,
    );
    const failures: unknown[] = [];
    const offline = createProgress({
      db: database.prisma,
      cache: downCache,
      clock: clock.now,
      onCacheError: (error) => failures.push(error),
    });
    try {
      clock.set('2025-03-14T08:00:00.000Z');
      const learnerId = randomUUID();
      const started = Date.now();
      const { card, summary } = await offline.review({
        learnerId,
        phraseId: curriculum.phraseIds[0]!,
        rating: 3,
      });
      assert.equal(card.due, '2025-03-14T08:10:00.000Z');
      assert.equal(summary?.reviewedToday, 1);
      assert.equal(
        await database.prisma.reviewLog.count({ where: { learnerId } }),
        1,
        'the review reached the database',
      );
      assert.equal(failures.length, 1, 'the failed invalidation was reported');

      // The review refilled this instance's own memory tier from the database.
      const read = await offline.progressSummary(learnerId);
      assert.equal(read.cache, 'hit');
      assert.equal(read.summary.reviewedToday, 1);
      assert.ok(Date.now() - started < 3000, 'Redis being down does not stall the learner');
    } finally {
      await downCache.close();
    }
  });
});

describe('learner isolation', () => {
  test("one learner's summary never shows another's reviews, cached or not", async () => {
    clock.set('2025-03-15T08:00:00.000Z');
    const alice = randomUUID();
    const bob = randomUUID();
    await progress.review({ learnerId: alice, phraseId: curriculum.phraseIds[0]!, rating: 3 });
    await progress.review({ learnerId: alice, phraseId: curriculum.phraseIds[1]!, rating: 3 });
    await progress.review({ learnerId: bob, phraseId: curriculum.phraseIds[3]!, rating: 3 });

    // First as the reviews left the cache (refilled), then from the database.
    for (const round of ['hit', 'miss'] as const) {
      if (round === 'miss') {
        for (const learnerId of [alice, bob]) {
          await cache.delete('progress', progressSummaryKey(learnerId, '2025-03-15'));
        }
      }
      const a = await progress.progressSummary(alice);
      const b = await progress.progressSummary(bob);
      assert.equal(a.cache, round);
      assert.equal(b.cache, round);
      assert.equal(a.summary.totalReviews, 2);
      assert.deepEqual(
        a.summary.lessons.map((lesson) => lesson.seen),
        [2, 0],
      );
      assert.equal(b.summary.totalReviews, 1);
      assert.deepEqual(
        b.summary.lessons.map((lesson) => lesson.seen),
        [0, 1],
      );
    }
    const bobsQueue = await progress.dueCards(bob, 20);
    assert.ok(
      bobsQueue.some((card) => card.phraseId === curriculum.phraseIds[0]),
      "Alice's reviewed phrase is still new for Bob",
    );
  });
});

describe('streaks and the daily goal', () => {
  test('consecutive UTC days build a streak; a missed day ends it', async () => {
    const learnerId = randomUUID();
    for (const [day, phrase] of [
      ['2025-04-01T23:30:00.000Z', 0],
      ['2025-04-02T00:15:00.000Z', 1],
      ['2025-04-03T12:00:00.000Z', 2],
    ] as const) {
      clock.set(day);
      await progress.review({ learnerId, phraseId: curriculum.phraseIds[phrase]!, rating: 3 });
    }
    clock.set('2025-04-03T18:00:00.000Z');
    assert.equal((await progress.progressSummary(learnerId)).summary.streakDays, 3);
    clock.set('2025-04-04T10:00:00.000Z');
    const nextDay = (await progress.progressSummary(learnerId)).summary;
    assert.equal(nextDay.streakDays, 3, 'the streak holds while today can still be reviewed');
    assert.equal(nextDay.reviewedToday, 0, 'a new UTC day starts a new daily count');
    clock.set('2025-04-05T10:00:00.000Z');
    assert.equal((await progress.progressSummary(learnerId)).summary.streakDays, 0);
  });

  test("today's reviews are measured against the learner's daily goal", async () => {
    clock.set('2025-04-10T08:00:00.000Z');
    const learnerId = randomUUID();
    await progress.review({ learnerId, phraseId: curriculum.phraseIds[0]!, rating: 1 });
    await database.prisma.learner.update({ where: { id: learnerId }, data: { dailyGoal: 2 } });
    clock.advance(MINUTE);
    const { summary } = await progress.review({
      learnerId,
      phraseId: curriculum.phraseIds[0]!,
      rating: 3,
    });
    assert.equal(summary?.reviewedToday, 2);
    assert.equal(summary?.dailyGoal, 2);
    assert.equal(summary?.streakDays, 1);
  });
});

describe('the review queue', () => {
  test('due cards come first, then new phrases in curriculum order up to the daily new-card limit', async () => {
    clock.set('2025-05-01T08:00:00.000Z');
    const learnerId = randomUUID();
    const limited = createProgress({
      db: database.prisma,
      cache,
      clock: clock.now,
      newCardsPerDay: 3,
    });
    const initial = await limited.dueCards(learnerId, 20);
    assert.deepEqual(
      initial.map((card) => card.phraseId),
      curriculum.phraseIds.slice(0, 3),
      'three new phrases, lesson 1 first, by position',
    );
    assert.ok(initial.every((card) => card.isNew));

    await limited.review({ learnerId, phraseId: curriculum.phraseIds[0]!, rating: 1 });
    await limited.review({ learnerId, phraseId: curriculum.phraseIds[1]!, rating: 4 });
    clock.advance(2 * MINUTE);
    const queue = await limited.dueCards(learnerId, 20);
    assert.deepEqual(
      queue.map((card) => [card.phraseId, card.isNew]),
      [
        [curriculum.phraseIds[0], false],
        [curriculum.phraseIds[2], true],
      ],
      'the forgotten card is due again; one new phrase is left of today’s three',
    );
    // The summary was cached by the review, before the forgotten card fell due: the read advances
    // it to the clock instead of showing the count of the moment it was cached.
    const read = await limited.progressSummary(learnerId);
    assert.equal(read.cache, 'hit');
    assert.equal(read.summary.dueCount, 1);
    assert.deepEqual(
      read.summary.lessons.map((lesson) => lesson.due),
      [1, 0],
    );
  });

  test('each rating button shows the interval that rating then schedules; relearning is counted apart', async () => {
    clock.set('2025-06-01T08:00:00.000Z');
    const learnerId = randomUUID();
    const [fresh] = await progress.dueCards(learnerId, 1);
    assert.ok(fresh && fresh.isNew && !fresh.learning);
    assert.ok(fresh.nextIntervals[1] < fresh.nextIntervals[3], 'Again comes back sooner than Good');
    const { card } = await progress.review({ learnerId, phraseId: fresh.phraseId, rating: 3 });
    assert.equal((Date.parse(card.due) - clock.now().getTime()) / 1000, fresh.nextIntervals[3]);

    clock.advance(11 * MINUTE);
    const [learning] = await progress.dueCards(learnerId, 1);
    assert.equal(learning?.phraseId, fresh.phraseId);
    assert.equal(learning?.learning, true, 'still in its learning steps');
    const easy = await progress.review({ learnerId, phraseId: fresh.phraseId, rating: 4 });
    assert.equal(
      (Date.parse(easy.card.due) - clock.now().getTime()) / 1000,
      learning.nextIntervals[4],
    );
  });

  test('continue where you left off leads to the lesson of the latest review', async () => {
    const learnerId = randomUUID();
    assert.equal(await progress.lastPractisedLessonId(learnerId), null);
    const lastLessonPhrase = curriculum.phraseIds.at(-1)!;
    await progress.review({ learnerId, phraseId: curriculum.phraseIds[0]!, rating: 3 });
    clock.advance(MINUTE);
    await progress.review({ learnerId, phraseId: lastLessonPhrase, rating: 3 });
    const expected = await database.prisma.phrase.findUniqueOrThrow({
      where: { id: lastLessonPhrase },
      select: { lessonId: true },
    });
    assert.equal(await progress.lastPractisedLessonId(learnerId), expected.lessonId);
  });
});
