import { createConnection } from 'node:net';
import {
  createBentocache,
  createCachified,
  createNaive,
  type Contender,
  type ContenderOptions,
} from './contenders';
import type { BenchContext } from './context';
import { createLibCache } from './lib-cache-contender';
import { measureInterleaved, timeOnce } from './measure';
import { immediateLoader } from './payload';
import { formatDuration, type Row, type ScenarioResult } from './report';

/**
 * Scenario 5: Redis is down (nothing listens on the port). lib/cache should answer from L1 or
 * the loader at a small added cost once its breaker is open; the others, on ioredis defaults,
 * wait. Their wait is capped, since ioredis's own limit is about 73 s per call.
 */
export const DEAD_PORT = 7219;
const DEFAULTS_CAP_MS = 10_000;
const L1_KEYS = 100;
/** lib/cache's default per-command timeout, the bound a request may pay for a sick Redis. */
const COMMAND_TIMEOUT_MS = 250;

async function assertNothingListens(port: number): Promise<void> {
  const listening = await new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
  if (listening)
    throw new Error(`something listens on ${port}; the Redis-down scenario needs it free`);
}

/** One call on ioredis defaults, abandoned after the cap. */
async function cappedCall(contender: Contender): Promise<string> {
  const { ms, result } = await timeOnce(() =>
    Promise.race([
      contender.getOrSet('down-0', immediateLoader).then(
        () => 'answered',
        (error: unknown) => `failed (${error instanceof Error ? error.message : String(error)})`,
      ),
      new Promise<'timed out'>((resolve) =>
        setTimeout(() => resolve('timed out'), DEFAULTS_CAP_MS).unref(),
      ),
    ]),
  );
  await contender.close();
  return result === 'timed out'
    ? `> ${formatDuration(DEFAULTS_CAP_MS)} (timed out, abandoned)`
    : `${result} after ${formatDuration(ms)}`;
}

export async function runRedisDown(context: BenchContext): Promise<ScenarioResult> {
  await assertNothingListens(DEAD_PORT);
  const scenario = 'Redis down (nothing listening), sequential';
  const options: ContenderOptions = {
    redisUrl: `redis://127.0.0.1:${DEAD_PORT}`,
    prefix: `${context.prefix}-down`,
  };
  const lib = createLibCache(options);
  const first = await timeOnce(() => lib.getOrSet('first', immediateLoader));
  let missSequence = 0;
  const measured = await measureInterleaved(
    {
      'loader alone (no cache)': () => immediateLoader(),
      'lib/cache, miss → loader': () => lib.getOrSet(`miss-${missSequence++}`, immediateLoader),
      'lib/cache, L1 hit': (iteration) =>
        lib.getOrSet(`l1-${iteration % L1_KEYS}`, immediateLoader),
    },
    { ...context.timing, inFlight: 1 },
  );
  const health = lib.cache.health();
  await lib.close();

  const loaderAlone = measured['loader alone (no cache)'];
  const added = (name: keyof typeof measured) =>
    `adds ${formatDuration(measured[name].p50Ms - loaderAlone.p50Ms)} at p50, ${formatDuration(measured[name].p99Ms - loaderAlone.p99Ms)} at p99 over the loader alone; worst ${formatDuration(measured[name].maxMs)}`;
  const rows: Row[] = [
    { scenario, contender: 'loader alone (no cache)', measurement: loaderAlone },
    ...(['lib/cache, miss → loader', 'lib/cache, L1 hit'] as const).map((name) => ({
      scenario,
      contender: name,
      measurement: measured[name],
      result: `${added(name)}; breaker ${health.breaker}`,
    })),
    {
      scenario,
      contender: 'lib/cache, first call (breaker still closed)',
      result: formatDuration(first.ms),
    },
  ];

  const onDefaults = {
    'naive on ioredis defaults': createNaive(options),
    'bentocache redis only, defaults': createBentocache(options, 'redis'),
    '@epic-web/cachified over ioredis, defaults': createCachified(options),
  };
  const outcomes = await Promise.all(Object.values(onDefaults).map(cappedCall));
  Object.keys(onDefaults).forEach((contender, index) =>
    rows.push({ scenario: 'Redis down, one call', contender, result: outcomes[index] }),
  );
  const worstMs = Math.max(
    measured['lib/cache, miss → loader'].maxMs,
    measured['lib/cache, L1 hit'].maxMs,
  );
  return {
    rows,
    verdicts: [
      {
        target: `Redis down: bounded added latency (the issue names no number; checked: no call once running takes longer than the ${COMMAND_TIMEOUT_MS} ms command timeout)`,
        measured: `worst call ${formatDuration(worstMs)}; the first call after start waited ${formatDuration(first.ms)}; ioredis defaults: ${outcomes[0]}`,
        met: worstMs < COMMAND_TIMEOUT_MS,
      },
    ],
  };
}
