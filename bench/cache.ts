import { loadavg } from 'node:os';
import type { BenchContext } from './context';
import { runHitAndMissPaths } from './hit-and-miss-paths';
import { runInvalidation } from './invalidation';
import { startThrowawayRedis } from './redis-server';
import { runRedisDown } from './redis-down';
import { runRedisStoppedMidRun } from './redis-stopped-mid-run';
import { renderTable, type ScenarioResult } from './report';
import { METHOD, machineFacts, verdictList } from './results-file';
import { updateResults } from './results-sections';
import { runStampede } from './stampede';

/**
 * `npm run bench:cache`: every scenario in one run against one private Redis, one table.
 * `npm run bench:cache -- --quick` is a short smoke run that leaves RESULTS.md alone, and so is
 * `npm run bench:cache -- --only=runHitAndMissPaths` (scenarios by function name, comma-separated).
 */
const BENCH_REDIS_PORT = 7200;

const quick = process.argv.includes('--quick');
const only = process.argv
  .find((argument) => argument.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const startedAt = new Date();
const loadBefore = loadavg();
const redis = await startThrowawayRedis(BENCH_REDIS_PORT);
const context: BenchContext = {
  redisUrl: redis.url,
  prefix: `bench-${startedAt.getTime().toString(36)}`,
  quick,
  timing: quick
    ? { warmupMs: 100, timeMs: 300, rounds: 3 }
    : { warmupMs: 500, timeMs: 3_000, rounds: 3 },
};

const scenarios = [
  runHitAndMissPaths,
  runStampede,
  runInvalidation,
  runRedisDown,
  runRedisStoppedMidRun,
].filter((scenario) => !only || only.includes(scenario.name));
const results: ScenarioResult[] = [];
try {
  for (const scenario of scenarios) {
    console.error(`running ${scenario.name} …`);
    results.push(await scenario(context));
  }
} finally {
  await redis.stop();
}

const table = renderTable(results.flatMap((result) => result.rows));
const verdicts = verdictList(results.flatMap((result) => result.verdicts));
console.log(`${table}\n\n${verdicts.join('\n')}`);

if (!quick && !only) {
  const facts = machineFacts({
    command: 'npm run bench:cache',
    startedAt,
    durationMs: Date.now() - startedAt.getTime(),
    redisVersion: redis.version,
    loadBefore,
  });
  const document = [
    '# Benchmarks',
    '',
    'The lib/cache sections are written by `npm run bench:cache` (`bench/cache.ts`), the "App under load" section by `npm run bench:app` (`bench/app/`); rerun them rather than editing this file.',
    '',
    ...facts,
    '',
    '## Results',
    '',
    table,
    '',
    '## Targets (issues 3 and 13)',
    '',
    ...verdicts,
    '',
    '## How it is measured',
    '',
    ...METHOD,
    '',
  ].join('\n');
  await updateResults(document);
  console.error('wrote bench/RESULTS.md');
}
// Clients that ioredis keeps reconnecting (the Redis-down contenders) must not keep us alive.
process.exit(0);
