import { performance } from 'node:perf_hooks';
import type { CacheTier } from '@/lib/cache';
import type { BenchContext } from './context';
import { createLibCache } from './lib-cache-contender';
import { percentile, type Measurement } from './measure';
import { immediateLoader, ttsEntrySchema } from './payload';
import { startThrowawayRedis } from './redis-server';
import { formatDuration, type Row, type ScenarioResult } from './report';

/**
 * Scenario 6: a Redis that was serving is stopped while requests flow, then started again. What
 * a learner would notice: extra latency while it is gone (and at the moment it goes), failed
 * requests, and how long after it is back the cache is used again. The instance has its L1 off
 * and reads one key, so every request needs Redis: the worst case for an outage.
 */
const PORT = 7202;
const KEY = 'mid-run';
/** lib/cache's default per-command timeout, the bound a request may pay for a sick Redis. */
const COMMAND_TIMEOUT_MS = 250;
const RECOVERY_CAP_MS = 10_000;

type Answer = CacheTier | 'failed';

interface Sample {
  startedAt: number;
  ms: number;
  answer: Answer;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function summarize(samples: Sample[], spanMs: number): Measurement {
  const sorted = Float64Array.from(samples.map((sample) => sample.ms)).sort();
  return {
    operations: samples.length,
    opsPerSec: samples.length / (spanMs / 1000),
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export async function runRedisStoppedMidRun(context: BenchContext): Promise<ScenarioResult> {
  const phaseMs = context.quick ? 500 : 2_000;
  let redis = await startThrowawayRedis(PORT);
  const lib = createLibCache({
    redisUrl: redis.url,
    prefix: `${context.prefix}-mid`,
    l1: 'l2-only',
  });
  const samples: Sample[] = [];
  let running = true;
  const request = async (): Promise<Answer> => {
    try {
      const result = await lib.cache.getOrSet({
        namespace: 'tts',
        key: KEY,
        schema: ttsEntrySchema,
        loader: immediateLoader,
      });
      return result.tier;
    } catch {
      return 'failed';
    }
  };
  // One request at a time, yielding once a millisecond like a server between requests.
  const drive = async () => {
    let lastYield = performance.now();
    while (running) {
      const startedAt = performance.now();
      const answer = await request();
      const end = performance.now();
      samples.push({ startedAt, ms: end - startedAt, answer });
      if (end - lastYield >= 1) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
    }
  };

  let stopAt = 0;
  let backAt = 0;
  let driver: Promise<void> = Promise.resolve();
  try {
    await lib.ready?.();
    await request();
    driver = drive();
    await sleep(phaseMs);
    stopAt = performance.now();
    await redis.stop();
    await sleep(phaseMs);
    redis = await startThrowawayRedis(PORT);
    backAt = performance.now();
    const deadline = backAt + RECOVERY_CAP_MS;
    const usedAgain = () => samples.some((s) => s.startedAt >= backAt && s.answer === 'l2');
    while (!usedAgain() && performance.now() < deadline) await sleep(10);
    await sleep(phaseMs / 2);
  } finally {
    running = false;
    await driver;
    await lib.close();
    await redis.stop();
  }

  const up = samples.filter((s) => s.startedAt < stopAt);
  const down = samples.filter((s) => s.startedAt >= stopAt && s.startedAt < backAt);
  const firstL2 = samples.find((s) => s.startedAt >= backAt && s.answer === 'l2');
  const failed = samples.filter((s) => s.answer === 'failed').length;
  const upStats = summarize(up, stopAt - (up[0]?.startedAt ?? stopAt));
  const downStats = summarize(down, backAt - stopAt);
  const recovery = firstL2
    ? `${formatDuration(firstL2.startedAt - backAt)} after redis-server accepted connections again, a request was an L2 hit again`
    : `no L2 hit within ${formatDuration(RECOVERY_CAP_MS)} of the restart`;
  const scenario = 'Redis stopped mid-run, then restarted (L1 off, sequential)';
  const rows: Row[] = [
    {
      scenario,
      contender: 'lib/cache, Redis up',
      measurement: upStats,
      result: `${up.filter((s) => s.answer === 'l2').length} of ${up.length} from L2`,
    },
    {
      scenario,
      contender: 'lib/cache, Redis stopped',
      measurement: downStats,
      result: `p50 ${formatDuration(downStats.p50Ms)} and p99 ${formatDuration(downStats.p99Ms)} (Redis up: ${formatDuration(upStats.p50Ms)} and ${formatDuration(upStats.p99Ms)}; the loader answers at once, so skipping Redis is cheaper than a GET); worst ${formatDuration(downStats.maxMs)}, the moment it stopped included; ${failed} failed requests in the whole run`,
    },
    { scenario, contender: 'lib/cache, Redis back', result: recovery },
  ];
  return {
    rows,
    verdicts: [
      {
        target: `Redis stopped mid-run: no request fails, none waits longer than the ${COMMAND_TIMEOUT_MS} ms command timeout, the cache is used again by itself once Redis is back`,
        measured: `${failed} failed; worst request while stopped ${formatDuration(downStats.maxMs)}; ${recovery}`,
        met: failed === 0 && downStats.maxMs < COMMAND_TIMEOUT_MS && firstL2 !== undefined,
      },
    ],
  };
}
