import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { createTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from '../support/database';
import { startRedisServer, type RedisServer } from '../support/redis-server';
import { uniquePrefix } from '../support/redis';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import {
  appEnv,
  describe,
  eventually,
  FAULT_PORTS,
  http,
  learnerCookie,
  seededLesson,
} from './fixtures';

/**
 * PostgreSQL "goes away" for the app alone: the test cuts its TCP relay between the app and the
 * machine's server. Learners must get an honest 503 that says what is wrong, the process must
 * survive, and everything must work again once the relay is back.
 */

let db: TestDatabase;
let redis: RedisServer;
let relay: TcpProxy;
let app: AppProcess;

before(async () => {
  db = await createTestDatabase({ seed: true });
  redis = await startRedisServer(FAULT_PORTS.databaseOutage.redis);
  const target = new URL(TEST_POSTGRES_URL);
  relay = await startTcpProxy({
    listenPort: FAULT_PORTS.databaseOutage.proxy,
    targetHost: target.hostname,
    targetPort: Number(target.port || 5432),
  });
  const throughRelay = new URL(db.url);
  throughRelay.host = `127.0.0.1:${relay.port}`;
  app = await startAppProcess({
    port: FAULT_PORTS.databaseOutage.app,
    env: appEnv({
      databaseUrl: throughRelay.toString(),
      redisUrl: redis.url,
      prefix: uniquePrefix('fault-db'),
    }),
  });
});

after(async () => {
  await app?.stop();
  await relay?.close();
  await redis?.stop();
  await db?.drop();
});

test('database down: 503 with a clear message on APIs and pages, then recovery', async () => {
  const lesson = await seededLesson(db.prisma);
  const { cookie, learnerId } = learnerCookie();
  const phraseId = lesson.phrases[0]!.id;
  const review = () => http(app, '/api/reviews', { cookie, json: { phraseId, rating: 3 } });

  assert.equal((await review()).status, 200, 'reviews work before the outage');

  await relay.cut();

  const health = await http(app, '/api/health');
  assert.equal(health.status, 503, describe(health, 'GET /api/health'));
  assert.equal(JSON.parse(health.text).db, 'down');

  // The review refilled this learner's cached summary: it is still served, showing the review.
  const cachedProgress = await http(app, '/api/progress', { cookie });
  assert.equal(cachedProgress.status, 200, describe(cachedProgress, 'GET /api/progress (cached)'));
  assert.equal(cachedProgress.headers.get('x-cache'), 'HIT');
  assert.equal((JSON.parse(cachedProgress.text) as { reviewedToday: number }).reviewedToday, 1);

  const stranger = learnerCookie();
  const apis = [
    ['POST /api/reviews', await review()],
    [
      'GET /api/progress (not cached)',
      await http(app, '/api/progress', { cookie: stranger.cookie }),
    ],
    ['POST /api/chat', await http(app, '/api/chat', { cookie, json: { message: '你好' } })],
  ] as const;
  for (const [what, result] of apis) {
    assert.equal(result.status, 503, describe(result, what));
    assert.match(result.headers.get('content-type') ?? '', /application\/json/, what);
    const body = JSON.parse(result.text) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'database_unavailable', what);
    assert.match(body.error.message, /database/i, what);
    assert.ok(result.headers.get('retry-after'), `${what} says when to retry`);
  }

  for (const path of ['/', '/review', `/lessons/${lesson.slug}`]) {
    const page = await http(app, path, { cookie });
    assert.equal(page.status, 503, describe(page, `GET ${path}`));
    assert.match(page.headers.get('content-type') ?? '', /text\/html/, path);
    assert.ok(/Temporarily unavailable/.test(page.text), describe(page, `GET ${path} title`));
    assert.ok(/cannot reach its database/.test(page.text), describe(page, `GET ${path} message`));
  }
  assert.ok(app.running(), 'the process survives the outage');

  await relay.restore();
  await eventually(async () => (await http(app, '/api/health')).status === 200, 'health back');
  await eventually(
    async () => (await http(app, '/', { cookie })).status === 200,
    'pages served again',
    5_000,
  );
  const afterwards = await review();
  assert.equal(afterwards.status, 200, describe(afterwards, 'POST /api/reviews after recovery'));
  const progress = await http(app, '/api/progress', { cookie });
  assert.equal(progress.status, 200, describe(progress, 'GET /api/progress after recovery'));
  const logs = await db.prisma.reviewLog.count({ where: { learnerId } });
  assert.equal(logs, 2, 'the two acknowledged reviews are stored; the refused one is not');
});

test('the first page to run into an outage is an error page at worst; the pages after it answer 503', async () => {
  const { cookie } = learnerCookie();
  await relay.cut();
  try {
    // Nothing has told the process about the outage yet: the page itself runs into it. Next
    // answers a 500, or, with Cache Components, streams the page's static shell (200) and then
    // its error document, which app/error.tsx fills with the explanation in the browser. Below a
    // loading.tsx (app/review/loading.tsx) the shell is the loading skeleton, and the stream
    // ends by marking that boundary as failed (React's $RX, the error's digest row): the browser
    // renders app/error.tsx in its place.
    const first = await http(app, '/review', { cookie });
    const streamedError =
      first.text.includes('__next_error__') ||
      (/\$RX\b/.test(first.text) && /E\{\\?"digest/.test(first.text));
    assert.ok(
      [500, 503].includes(first.status) || (first.status === 200 && streamedError),
      describe(first, 'first page'),
    );
    // Next reports the failed render to onRequestError as the response goes out, so the very
    // next request may still race it; within moments every page is an honest 503.
    await eventually(
      async () => (await http(app, '/', { cookie })).status === 503,
      'pages to answer 503 once the outage is known',
      2_000,
      50,
    );
  } finally {
    await relay.restore();
  }
  await eventually(async () => (await http(app, '/', { cookie })).status === 200, 'recovery');
});
