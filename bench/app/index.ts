// `npm run bench:app`: the production build (`next start`, run `npm run build` first) under a
// realistic learner mix with autocannon on loopback, once with the cache and once with it
// bypassed (CACHE_BYPASS=1), side by side. Results are appended to bench/RESULTS.md.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { deleteByPrefix } from '../../test/support/redis';
import { startAppProcess, TEST_SESSION_SECRET } from '../../test/support/app-process';
import { Redis } from 'ioredis';
import { benchDatabase, RAISED_LIMITS } from './database';
import { requestMix, type Curriculum, type Operation } from './mix';
import { readCacheMetrics, subtractMetrics, type CacheMetrics } from './metrics';
import { writeAppResults, type RunSummary } from './report';

const SECONDS = Number(process.env.BENCH_APP_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_APP_CONNECTIONS ?? 16);
const LEARNERS = Number(process.env.BENCH_APP_LEARNERS ?? 100);
const WARMUP_SECONDS = Number(process.env.BENCH_APP_WARMUP_SECONDS ?? 15);
/** The speech-only runs ask for the most popular phrases only. */
const POPULAR_PHRASES = Number(process.env.BENCH_APP_POPULAR_PHRASES ?? 40);
const PORT = Number(process.env.BENCH_APP_PORT ?? 7420);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Load {
  result: Result;
  /** Responses by operation and status class, counted from the responses themselves. */
  byOperation: Record<Operation, { requests: number; errors: number }>;
}

async function drive(
  url: string,
  curriculum: Curriculum,
  {
    only,
    seconds = SECONDS,
    phrasePool,
  }: { only?: Operation; seconds?: number; phrasePool?: number } = {},
): Promise<Load> {
  const next = requestMix(curriculum, {
    sessionSecret: TEST_SESSION_SECRET,
    learners: LEARNERS,
    only,
    phrasePool,
  });
  const byOperation = Object.fromEntries(
    (['page', 'progress', 'tts', 'chat', 'review'] as const).map((op) => [
      op,
      { requests: 0, errors: 0 },
    ]),
  ) as Load['byOperation'];
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        setupRequest(request, context) {
          const { operation, request: params } = next();
          context.operation = operation;
          return { ...request, ...params };
        },
        onResponse(status, _body, context) {
          const counts = byOperation[context.operation as Operation];
          counts.requests += 1;
          if (status >= 400) counts.errors += 1;
        },
      },
    ],
  });
  return { result, byOperation };
}

async function runMode(
  mode: 'cached' | 'bypassed',
  databaseUrl: string,
  curriculum: Curriculum,
  dataDir: string,
): Promise<RunSummary> {
  const prefix = `bench-app-${mode}-${randomBytes(3).toString('hex')}`;
  const app = await startAppProcess({
    port: PORT,
    dataDir,
    env: {
      DATABASE_URL: databaseUrl,
      CACHE_PREFIX: prefix,
      REDIS_URL,
      AI_BASE_URL: '',
      TTS_PROVIDER: 'espeak',
      CACHE_BYPASS: mode === 'bypassed' ? '1' : '',
      ...RAISED_LIMITS,
    },
  });
  try {
    console.log(`bench:app ${mode}: warm-up for ${WARMUP_SECONDS} s (not measured)...`);
    await drive(app.url, curriculum, { seconds: WARMUP_SECONDS });
    console.log(`bench:app ${mode}: mix for ${SECONDS} s on ${CONNECTIONS} connections...`);
    const before: CacheMetrics = await readCacheMetrics(app.url);
    const mix = await drive(app.url, curriculum);
    const after: CacheMetrics = await readCacheMetrics(app.url);
    console.log(
      `bench:app ${mode}: speech only (top ${POPULAR_PHRASES} phrases) for ${SECONDS} s...`,
    );
    const ttsOnly = await drive(app.url, curriculum, { only: 'tts', phrasePool: POPULAR_PHRASES });
    return { mode, mix, ttsOnly, metrics: subtractMetrics(after, before), crashed: !app.running() };
  } finally {
    await app.stop();
    const redis = new Redis(REDIS_URL);
    await deleteByPrefix(redis, prefix);
    redis.disconnect();
  }
}

async function main() {
  const database = await benchDatabase('app');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-app-data-'));
  console.log(
    `bench:app: ${database.curriculum.phrases.length} phrases in ${database.curriculum.lessonSlugs.length} lessons`,
  );
  try {
    // Cached first, from a cold cache and no audio on disk: its hit rate includes every first
    // synthesis. The bypassed app ignores stored audio, so the order does not favour either.
    const cached = await runMode('cached', database.url, database.curriculum, dataDir);
    const bypassed = await runMode('bypassed', database.url, database.curriculum, dataDir);
    const command = `npm run bench:app  # BENCH_APP_SECONDS=${SECONDS} BENCH_APP_WARMUP_SECONDS=${WARMUP_SECONDS} BENCH_APP_CONNECTIONS=${CONNECTIONS} BENCH_APP_LEARNERS=${LEARNERS} BENCH_APP_POPULAR_PHRASES=${POPULAR_PHRASES}`;
    const table = await writeAppResults({
      cached,
      bypassed,
      command,
      seconds: SECONDS,
      connections: CONNECTIONS,
    });
    console.log(table);
  } finally {
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
