import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Redis } from 'ioredis';
import {
  adminGet,
  adminLogin,
  describe,
  eventually,
  FAULT_PORTS,
  http,
  learnerCookie,
  seededLesson,
  synthesize,
  type HttpResult,
  startAppOnItsOwnRedis,
  type AppOnItsOwnRedis,
} from './fixtures';

/**
 * The app's own Redis is killed while learners keep clicking, then started again (empty, as a
 * crashed Redis without persistence comes back). Learners must not notice beyond speed.
 */

// A request stuck on a dead Redis would wait for a TCP timeout (tens of seconds); the cache's
// command timeout and breaker keep real answers well under this.
const OUTAGE_LATENCY_BOUND_MS = 5_000;
const WORKERS = 6;

let faultApp: AppOnItsOwnRedis;
let db: AppOnItsOwnRedis['db'];
let redis: AppOnItsOwnRedis['redis'];
let app: AppOnItsOwnRedis['app'];
let prefix: string;

before(async () => {
  faultApp = await startAppOnItsOwnRedis(FAULT_PORTS.redisOutage, 'fault-redis');
  ({ db, redis, app, prefix } = faultApp);
});

after(async () => {
  await faultApp?.stop();
});

type Phase = 'before' | 'outage' | 'after';
interface Sample extends HttpResult {
  what: string;
  phase: Phase;
}

test('Redis killed mid-load and restarted: no 5xx, no lost review, bounded latency, cache back in use', async () => {
  const lesson = await seededLesson(db.prisma);
  const phrases = lesson.phrases.slice(0, 8);
  const admin = await adminLogin(app);
  const learners = Array.from({ length: WORKERS }, () => learnerCookie());

  let phase: Phase = 'before';
  let running = true;
  const samples: Sample[] = [];

  const worker = async (index: number) => {
    const { cookie } = learners[index]!;
    for (let step = 0; running; step += 1) {
      const phrase = phrases[(index + step) % phrases.length]!;
      const requests: [string, () => Promise<HttpResult>][] = [
        ['GET /', () => http(app, '/', { cookie })],
        [`GET /lessons/${lesson.slug}`, () => http(app, `/lessons/${lesson.slug}`, { cookie })],
        ['POST /api/tts', () => synthesize(app, phrase.hanzi, cookie)],
        [
          'POST /api/reviews',
          () => http(app, '/api/reviews', { cookie, json: { phraseId: phrase.id, rating: 3 } }),
        ],
        ['GET /api/progress', () => http(app, '/api/progress', { cookie })],
      ];
      const [what, send] = requests[step % requests.length]!;
      const samplePhase = phase;
      samples.push({ what, phase: samplePhase, ...(await send()) });
    }
  };

  const load = Promise.all(learners.map((_, index) => worker(index)));
  await new Promise((resolve) => setTimeout(resolve, 2_000));

  await redis.stop();
  phase = 'outage';
  const outageHealth = await eventually(async () => {
    const health = await adminGet(app, admin, '/api/admin/cache/health');
    return health.status === 200 && JSON.parse(health.text).redis === 'down' && health;
  }, 'the admin health API to report Redis down');
  assert.equal(JSON.parse(outageHealth.text).server, null);
  const appHealth = await http(app, '/api/health');
  assert.equal(appHealth.status, 200, describe(appHealth, 'GET /api/health with Redis down'));
  assert.deepEqual(JSON.parse(appHealth.text), { status: 'degraded', db: 'up', redis: 'down' });
  await new Promise((resolve) => setTimeout(resolve, 3_000));

  await redis.start();
  phase = 'after';
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  running = false;
  await load;

  const failures = samples.filter((sample) => sample.status === 0 || sample.status >= 500);
  assert.deepEqual(
    failures.map((sample) => describe(sample, `${sample.phase} ${sample.what}`)),
    [],
    'no request may fail because of Redis',
  );
  const outageSamples = samples.filter((sample) => sample.phase === 'outage');
  assert.ok(outageSamples.length >= WORKERS * 2, `load kept running (${outageSamples.length})`);
  const slow = outageSamples.filter((sample) => sample.ms > OUTAGE_LATENCY_BOUND_MS);
  assert.deepEqual(
    slow.map((sample) => describe(sample, sample.what)),
    [],
    'every request finishes in bounded time while Redis is down',
  );

  const savedReviews = samples.filter(
    (sample) => sample.what === 'POST /api/reviews' && sample.status === 200,
  ).length;
  assert.ok(
    samples.some((s) => s.what === 'POST /api/reviews' && s.phase === 'outage' && s.status === 200),
    'reviews were saved during the outage',
  );
  const logged = await db.prisma.reviewLog.count({
    where: { learnerId: { in: learners.map((learner) => learner.learnerId) } },
  });
  assert.equal(logged, savedReviews, 'every acknowledged review is in the database');

  // The cache is in use again within seconds: a phrase never asked before is filled into the
  // restarted Redis and the next request is a hit.
  const client = new Redis(redis.url);
  try {
    let attempt = 0;
    await eventually(
      async () => {
        const fresh = `恢复了吗${(attempt += 1)}`;
        const first = await synthesize(app, fresh);
        const second = await synthesize(app, fresh);
        const stored = await client.keys(`${prefix}:tts:*`);
        return (
          first.headers.get('x-cache') === 'MISS' &&
          second.headers.get('x-cache') === 'HIT' &&
          stored.length > 0
        );
      },
      'a TTS hit served through the restarted Redis',
      10_000,
      500,
    );
  } finally {
    client.disconnect();
  }
  const recovered = await adminGet(app, admin, '/api/admin/cache/health');
  assert.equal(JSON.parse(recovered.text).redis, 'up');
  assert.ok(app.running(), 'the app process is still up');
});
