import { randomUUID } from 'node:crypto';
import { startFakeGoogleTts, type FakeGoogleTts } from '../support/fake-google-tts';
import {
  startAppProcess,
  TEST_ADMIN_TOKEN,
  TEST_SESSION_SECRET,
  type AppProcess,
} from '../support/app-process';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { uniquePrefix } from '../support/redis';
import { startRedisServer, type RedisServer } from '../support/redis-server';
import type { PrismaClient } from '@/lib/db/client';
import { sign } from '@/lib/security/signed-value';

/**
 * Ports of this suite (7300-7399), one block per test file so a leftover process from one file
 * can never answer another's requests.
 */
export const FAULT_PORTS = {
  redisOutage: { redis: 7301, app: 7311 },
  redisDegraded: { redis: 7321, app: 7322 },
  databaseOutage: { redis: 7331, proxy: 7332, app: 7333 },
  upstream: { redis: 7341, app: 7342 },
  twoInstances: { redis: 7351, appA: 7352, appB: 7353 },
  // Redis Cluster also uses each port + 10000 for its node-to-node bus.
  cluster: [7361, 7362, 7363] as [number, number, number],
  clusterApps: { appA: 7364, appB: 7365 },
  databaseLoad: { redis: 7371, proxy: 7372, appA: 7373, appB: 7374 },
  useCacheFleet: { redis: 7381, appA: 7382, appB: 7383 },
} as const;

/** Environment for a `next start` process: its database, Redis, prefix and upstream fakes. */
export function appEnv(options: {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  tts?: FakeGoogleTts;
  aiBaseUrl?: string;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    DATABASE_URL: options.databaseUrl,
    REDIS_MODE: 'standalone',
    REDIS_URL: options.redisUrl,
    CACHE_PREFIX: options.prefix,
    ...(options.tts
      ? { TTS_PROVIDER: 'google', GOOGLE_TTS_ENDPOINT: options.tts.endpoint, TTS_VOICE: '' }
      : {}),
    AI_BASE_URL: options.aiBaseUrl ?? '',
    AI_API_KEY: options.aiBaseUrl ? 'fake-key' : '',
    // Fault tests fire bursts from one address: the budgets are not what is under test here.
    RATE_LIMIT_TTS_PER_LEARNER_PER_MINUTE: '1000000',
    RATE_LIMIT_TTS_PER_IP_PER_MINUTE: '1000000',
    RATE_LIMIT_CHAT_PER_LEARNER_PER_MINUTE: '1000000',
    RATE_LIMIT_CHAT_PER_IP_PER_MINUTE: '1000000',
    ...options.extra,
  };
}

/** A new learner's cookie, signed with the fleet's secret exactly as the proxy would issue it. */
export function learnerCookie(learnerId: string = randomUUID()): {
  learnerId: string;
  cookie: string;
} {
  return {
    learnerId,
    cookie: `ts_learner=${sign(learnerId, Buffer.from(TEST_SESSION_SECRET, 'utf8'))}`,
  };
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  /** Wall time from sending to the last body byte. */
  ms: number;
}

/**
 * One request with a hard client-side deadline: a hung server shows up as status 0 and the
 * deadline's duration instead of hanging the test.
 */
export async function http(
  app: Pick<AppProcess, 'url'>,
  path: string,
  options: {
    method?: string;
    json?: unknown;
    cookie?: string;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<HttpResult> {
  const started = performance.now();
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(`${app.url}${path}`, {
      method: options.method ?? (options.json === undefined ? 'GET' : 'POST'),
      headers,
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      redirect: 'manual',
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      ms: performance.now() - started,
    };
  } catch {
    return { status: 0, headers: new Headers(), text: '', ms: performance.now() - started };
  }
}

export function describe(result: HttpResult, what: string): string {
  return `${what}: ${result.status} after ${Math.round(result.ms)} ms: ${result.text.slice(0, 300)}`;
}

export const synthesize = (app: AppProcess, text: string, cookie = learnerCookie().cookie) =>
  http(app, '/api/tts', { json: { text }, cookie });

export interface AdminSession {
  cookie: string;
  csrfToken: string;
}

/** Logs in with the fleet's ADMIN_TOKEN, as the dashboard's login form does. */
export async function adminLogin(app: AppProcess): Promise<AdminSession> {
  const response = await fetch(`${app.url}/api/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ secret: TEST_ADMIN_TOKEN }),
  });
  if (response.status !== 200) {
    throw new Error(`admin login answered ${response.status}: ${await response.text()}`);
  }
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { cookie: setCookie.split(';')[0] ?? '', csrfToken };
}

export function adminGet(app: AppProcess, session: AdminSession, path: string) {
  return http(app, path, { cookie: session.cookie });
}

export function adminInvalidate(app: AppProcess, session: AdminSession, body: unknown) {
  return http(app, '/api/admin/cache/invalidate', {
    json: body,
    cookie: session.cookie,
    headers: { 'x-csrf-token': session.csrfToken },
  });
}

/** Polls until `check` holds, or fails naming `what`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 10_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The first seeded lesson's slug and phrases, read from the fleet's database. */
export async function seededLesson(db: PrismaClient) {
  return db.lesson.findFirstOrThrow({
    orderBy: { id: 'asc' },
    include: { phrases: { orderBy: { position: 'asc' } } },
  });
}

/**
 * One request to each page and API, so the first-render cost of a fresh process (loading its
 * chunks, opening pools) is not mistaken for a slow answer under a fault.
 */
export async function warmUp(app: AppProcess, db: PrismaClient): Promise<void> {
  const lesson = await seededLesson(db);
  const { cookie } = learnerCookie();
  for (const path of ['/', '/review', `/lessons/${lesson.slug}`, '/api/progress']) {
    await http(app, path, { cookie });
  }
}

/** A warmed-up app with a Redis server of its own to break, a seeded database and a fake TTS. */
export interface AppOnItsOwnRedis {
  db: TestDatabase;
  redis: RedisServer;
  app: AppProcess;
  prefix: string;
  stop(): Promise<void>;
}

export async function startAppOnItsOwnRedis(
  ports: { redis: number; app: number },
  label: string,
): Promise<AppOnItsOwnRedis> {
  const prefix = uniquePrefix(label);
  const db = await createTestDatabase({ seed: true });
  const redis = await startRedisServer(ports.redis);
  const tts = await startFakeGoogleTts();
  const app = await startAppProcess({
    port: ports.app,
    env: appEnv({ databaseUrl: db.url, redisUrl: redis.url, prefix, tts }),
  });
  await warmUp(app, db.prisma);
  return {
    db,
    redis,
    app,
    prefix,
    async stop() {
      await app.stop();
      await tts.close();
      await redis.stop();
      await db.drop();
    },
  };
}
