import type { BenchContext } from './context';
import { forkBenchModule, nextMessage, stopChild } from './child-process';
import {
  BURST_REQUESTS,
  LOADER_MS,
  burstContenders,
  coldBurst,
  type BurstContenderName,
  type BurstOutcome,
} from './cold-burst';
import type { BurstRequest } from './cold-burst-worker';
import { warmUp } from './contenders';
import { formatDuration, type ScenarioResult } from './report';

/**
 * Scenario 3: loader calls when 500 requests arrive at once for a cold key, in one process and
 * in a fleet of two processes sharing Redis. Repeated on a few fresh keys, because one lucky
 * burst proves little.
 */
const COLD_KEYS = 3;
const START_DELAY_MS = 300;

const SINGLE_PROCESS: BurstContenderName[] = [
  'naive',
  'lib/cache (lease on)',
  'bentocache memory+redis',
  '@epic-web/cachified over ioredis',
];
const FLEET: BurstContenderName[] = [
  'lib/cache (lease on)',
  'lib/cache (lease off)',
  'bentocache memory+redis',
];

interface Tally {
  perKey: number[];
  failures: number;
  slowestMs: number;
}

async function burstRounds(
  name: BurstContenderName,
  context: BenchContext,
  processes: 1 | 2,
): Promise<Tally> {
  const prefix = `${context.prefix}-b${processes}`;
  const options = { redisUrl: context.redisUrl, prefix };
  const contender = burstContenders[name](options);
  const worker =
    processes === 2
      ? forkBenchModule('./cold-burst-worker.ts', [name, context.redisUrl, prefix])
      : undefined;
  const tally: Tally = { perKey: [], failures: 0, slowestMs: 0 };
  try {
    await warmUp(contender);
    if (worker) await nextMessage<'ready'>(worker);
    for (let round = 0; round < COLD_KEYS; round++) {
      const request: BurstRequest = {
        key: `cold-${name.replace(/[^a-z]/g, '')}-${round}`,
        startAtEpochMs: Date.now() + START_DELAY_MS,
      };
      const remote = worker ? nextMessage<BurstOutcome>(worker) : undefined;
      worker?.send(request);
      const outcomes = [await coldBurst(contender, request.key, request.startAtEpochMs)];
      if (remote) outcomes.push(await remote);
      tally.perKey.push(outcomes.reduce((sum, outcome) => sum + outcome.loaderCalls, 0));
      for (const outcome of outcomes) {
        tally.failures += outcome.failures;
        tally.slowestMs = Math.max(tally.slowestMs, outcome.slowestMs);
      }
    }
    return tally;
  } finally {
    if (worker) await stopChild(worker);
    await contender.close();
  }
}

function describe(tally: Tally): string {
  const failures = tally.failures === 0 ? 'no request failed' : `${tally.failures} requests FAILED`;
  return `loader calls per cold key: ${tally.perKey.join(', ')} (${failures}; slowest answer ${formatDuration(tally.slowestMs)})`;
}

export async function runStampede(context: BenchContext): Promise<ScenarioResult> {
  const result: ScenarioResult = { rows: [], verdicts: [] };
  const configurations = [
    ...SINGLE_PROCESS.map((name) => ({ name, processes: 1 as const })),
    ...FLEET.map((name) => ({ name, processes: 2 as const })),
  ];
  for (const { name, processes } of configurations) {
    const tally = await burstRounds(name, context, processes);
    const scenario =
      processes === 1
        ? `${BURST_REQUESTS} concurrent cold requests, 1 process (loader ${LOADER_MS} ms)`
        : `2 processes × ${BURST_REQUESTS} concurrent cold requests, shared Redis`;
    result.rows.push({ scenario, contender: name, result: describe(tally) });
    if (name === 'lib/cache (lease on)') {
      result.verdicts.push({
        target: `1 loader call per cold key per fleet (${processes} process${processes === 1 ? '' : 'es'})`,
        measured: `${tally.perKey.join(', ')} over ${COLD_KEYS} cold keys; ${tally.failures} failed requests`,
        met: tally.perKey.every((calls) => calls === 1) && tally.failures === 0,
      });
    }
  }
  return result;
}
