// `npm run bench:use-cache`: the production build (`npm run build` first) serving the pages whose
// shared parts are `'use cache'` renders, each measured against the framework's floor (a route
// handler answering a constant, `GET /api/ping`) on the same server, in one run: once with the
// renders in lib/cache (the app as deployed) and once in Next's own in-memory handler
// (USE_CACHE_HANDLER=memory). Both servers run side by side; rounds interleave them so noise
// spreads over both. The section is written into bench/RESULTS.md.
import { randomBytes, randomUUID } from 'node:crypto';
import autocannon, { type RequestParams } from 'autocannon';
import { Redis } from 'ioredis';
import { LEARNER_COOKIE } from '@/lib/learner/cookie';
import { sign } from '@/lib/security/signed-value';
import {
  startAppProcess,
  TEST_SESSION_SECRET,
  type AppProcess,
} from '../../test/support/app-process';
import { deleteByPrefix } from '../../test/support/redis';
import { benchDatabase, RAISED_LIMITS } from '../app/database';
import { writeUseCacheResults, type Measured } from './report';

const SECONDS = Number(process.env.BENCH_USE_CACHE_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_USE_CACHE_ROUNDS ?? 3);
const WARMUP_SECONDS = Number(process.env.BENCH_USE_CACHE_WARMUP_SECONDS ?? 3);
// Before each measured window, the same route unmeasured: a page render leaves garbage and
// deferred work behind, which the next route would otherwise pay for. In a fixed route order that
// billed the cached speech lookup (measured after the pages) and never the floor (measured after
// the light lookup): on one server, tts/ping was 1.08x before the pages and 0.57x right after
// them, and successive 2 s windows after them ran 545, 732 and 878 requests/s (ping 828).
const SETTLE_SECONDS = Number(process.env.BENCH_USE_CACHE_SETTLE_SECONDS ?? 3);
const CONNECTIONS = 16;
const LEARNERS = 100;
// Outside the fixed ports of test/faults (7300-7399), e2e and bench:app.
const FIRST_PORT = Number(process.env.BENCH_USE_CACHE_PORT ?? 3901);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const CONTENDERS = [
  { name: 'lib/cache handler', env: {} },
  { name: "Next's in-memory handler", env: { USE_CACHE_HANDLER: 'memory' } },
] as const;

interface Route {
  name: string;
  request: RequestParams;
  /** Text only the real answer holds: an error page or a fallback must not count as served. */
  proof: string;
}

function routes(slug: string, phrase: string): Route[] {
  return [
    { name: 'floor: GET /api/ping', request: { path: '/api/ping' }, proof: '"ok":true' },
    {
      name: `lesson page: GET /lessons/${slug}`,
      request: { path: `/lessons/${slug}` },
      proof: 'data-testid="phrase-card"',
    },
    { name: 'home page: GET /', request: { path: '/' }, proof: `/lessons/${slug}` },
    // A page with no data and no cached part, through the same layout, proxy and CSP: what any
    // page costs in this build, whatever it caches.
    {
      name: 'page without data: GET /admin/login',
      request: { path: '/admin/login' },
      proof: '<form',
    },
    {
      name: `cached speech lookup: POST /api/tts (${phrase})`,
      request: {
        method: 'POST',
        path: '/api/tts',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: phrase }),
      },
      proof: '"url"',
    },
  ];
}

/** Learners as the proxy signs them, handed out in turn so per-learner parts vary per request. */
function learnerCookies(): () => string {
  const key = Buffer.from(TEST_SESSION_SECRET, 'utf8');
  const cookies = Array.from(
    { length: LEARNERS },
    () => `${LEARNER_COOKIE}=${sign(randomUUID(), key)}`,
  );
  let next = 0;
  return () => cookies[(next += 1) % cookies.length]!;
}

async function load(app: AppProcess, route: Route, seconds: number): Promise<Measured> {
  const cookie = learnerCookies();
  let wrong = 0;
  const result = await autocannon({
    url: app.url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          ...route.request,
          headers: { ...route.request.headers, cookie: cookie() },
        }),
        onResponse(status, body) {
          if (status !== 200 || !body.includes(route.proof)) wrong += 1;
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    seconds: result.duration,
    p50Ms: [result.latency.p50],
    wrong: wrong + result.errors + result.timeouts,
  };
}

function add(total: Measured | undefined, round: Measured): Measured {
  if (!total) return round;
  return {
    requests: total.requests + round.requests,
    seconds: total.seconds + round.seconds,
    p50Ms: [...total.p50Ms, ...round.p50Ms],
    wrong: total.wrong + round.wrong,
  };
}

async function main() {
  const database = await benchDatabase('use_cache');
  const slug = database.curriculum.lessonSlugs[0]!;
  const phrase = database.curriculum.phrases[0]!.hanzi;
  const measuredRoutes = routes(slug, phrase);
  const prefixes = CONTENDERS.map(() => `bench-use-cache-${randomBytes(3).toString('hex')}`);
  const apps: AppProcess[] = [];
  try {
    for (const [index, contender] of CONTENDERS.entries()) {
      apps.push(
        await startAppProcess({
          port: FIRST_PORT + index,
          env: {
            DATABASE_URL: database.url,
            CACHE_PREFIX: prefixes[index]!,
            REDIS_URL,
            AI_BASE_URL: '',
            TTS_PROVIDER: 'espeak',
            ...RAISED_LIMITS,
            ...contender.env,
          },
        }),
      );
    }
    // Unmeasured: first renders, the one synthesis of the phrase, JIT warm-up.
    for (const app of apps) {
      for (const route of measuredRoutes) await load(app, route, WARMUP_SECONDS);
    }
    const totals = new Map<string, Measured>();
    for (let round = 0; round < ROUNDS; round += 1) {
      console.log(`bench:use-cache: round ${round + 1} of ${ROUNDS}...`);
      for (const route of measuredRoutes) {
        // Each round starts with the other contender, so neither always runs first.
        for (let turn = 0; turn < apps.length; turn += 1) {
          const index = (round + turn) % apps.length;
          const key = `${index}|${route.name}`;
          await load(apps[index]!, route, SETTLE_SECONDS);
          totals.set(key, add(totals.get(key), await load(apps[index]!, route, SECONDS)));
        }
      }
    }
    const crashed = apps.filter((app) => !app.running()).map((app) => app.port);
    const command = `npm run bench:use-cache  # BENCH_USE_CACHE_SECONDS=${SECONDS} BENCH_USE_CACHE_ROUNDS=${ROUNDS} BENCH_USE_CACHE_WARMUP_SECONDS=${WARMUP_SECONDS} BENCH_USE_CACHE_SETTLE_SECONDS=${SETTLE_SECONDS}`;
    console.log(
      await writeUseCacheResults({
        command,
        contenders: CONTENDERS.map((contender) => contender.name),
        routes: measuredRoutes.map((route) => route.name),
        measured: (contender, route) => totals.get(`${contender}|${measuredRoutes[route]!.name}`)!,
        seconds: SECONDS,
        settleSeconds: SETTLE_SECONDS,
        rounds: ROUNDS,
        connections: CONNECTIONS,
        crashed,
      }),
    );
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
    const redis = new Redis(REDIS_URL);
    for (const prefix of prefixes) await deleteByPrefix(redis, prefix);
    redis.disconnect();
    await database.drop();
  }
}

await main();
