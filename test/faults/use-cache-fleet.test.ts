import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startRedisServer, type RedisServer } from '../support/redis-server';
import {
  adminInvalidate,
  adminLogin,
  describe,
  FAULT_PORTS,
  http,
  learnerCookie,
  seededLesson,
} from './fixtures';
import { startFleet, type Fleet } from './fleet';

/**
 * Two `next start` processes on one Redis serve the lesson cards as one `'use cache'` render
 * (lib/next-cache-handler): an invalidation through one is seen by the other on its very next
 * request, and pages keep answering when Redis goes away.
 */

let redis: RedisServer;
let fleet: Fleet;

before(async () => {
  redis = await startRedisServer(FAULT_PORTS.useCacheFleet.redis);
  fleet = await startFleet({
    ports: [FAULT_PORTS.useCacheFleet.appA, FAULT_PORTS.useCacheFleet.appB],
    redis: { redisUrl: redis.url },
  });
});

after(async () => {
  await fleet?.stop();
  await redis?.stop();
});

const { cookie } = learnerCookie();

test('a catalogue tag invalidated through one instance is stale on the other at its next request', async () => {
  const lesson = await seededLesson(fleet.db.prisma);
  const page = `/lessons/${lesson.slug}`;
  // A gloss HTML leaves as it is (no entity to escape), so the page text can be searched for it.
  const phrase = lesson.phrases.find((candidate) => /^[A-Za-z ]+$/.test(candidate.english));
  assert.ok(phrase);
  for (const app of [fleet.appA, fleet.appB]) {
    const before = await http(app, page, { cookie });
    assert.equal(before.status, 200, describe(before, `lesson on ${app.port}`));
    assert.ok(before.text.includes(phrase.english));
  }

  const revised = `revised gloss ${Date.now()}`;
  await fleet.db.prisma.phrase.update({ where: { id: phrase.id }, data: { english: revised } });
  const cached = await http(fleet.appB, page, { cookie });
  assert.ok(!cached.text.includes(revised), 'B serves its cached render until told otherwise');

  // What a content change publishes: the catalogue data, then its renders' tag, through A only.
  const admin = await adminLogin(fleet.appA);
  for (const body of [
    { scope: 'namespace', namespace: 'config' },
    { scope: 'tag', namespace: 'next', tag: 'catalogue' },
  ]) {
    const done = await adminInvalidate(fleet.appA, admin, body);
    assert.equal(done.status, 200, describe(done, `invalidation ${JSON.stringify(body)} on A`));
  }

  // No polling: the very next request to B renders the new content.
  const after = await http(fleet.appB, page, { cookie });
  assert.equal(after.status, 200, describe(after, 'lesson on B after the invalidation'));
  assert.ok(after.text.includes(revised), 'B no longer serves the old render');
});

test('with Redis stopped mid-run, the lesson and home pages still answer 200 on both', async () => {
  const lesson = await seededLesson(fleet.db.prisma);
  await redis.stop();
  try {
    for (const app of [fleet.appA, fleet.appB]) {
      const home = await http(app, '/', { cookie, timeoutMs: 10_000 });
      assert.equal(home.status, 200, describe(home, `home on ${app.port}, Redis down`));
      assert.ok(home.text.includes(`/lessons/${lesson.slug}`), 'the lesson list is there');
      for (let visit = 0; visit < 2; visit += 1) {
        const page = await http(app, `/lessons/${lesson.slug}`, { cookie, timeoutMs: 10_000 });
        assert.equal(page.status, 200, describe(page, `lesson on ${app.port}, Redis down`));
        assert.ok(page.text.includes('data-testid="phrase-card"'), 'the cards are there');
      }
    }
  } finally {
    await redis.start();
  }
});
