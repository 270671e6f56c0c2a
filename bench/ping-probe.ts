import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { percentile } from './measure';

/**
 * What every other Redis client would feel during an invalidation: a separate process sends a
 * PING every millisecond and records each round trip, so a blocking `KEYS` shows up as one long
 * PING. Paced rather than flat out, so the probe itself does not starve the measured process of
 * CPU on a two-core machine. Runs until the parent sends a message, then reports and exits.
 * argv: <redisUrl>
 */
export interface ProbeReport {
  pings: number;
  p50Ms: number;
  maxMs: number;
}

const PING_INTERVAL_MS = 1;

const redis = new Redis(process.argv[2] as string);
const samples: number[] = [];
let running = true;

process.on('message', () => {
  running = false;
});

await redis.ping();
process.send?.('ready');
while (running) {
  const begin = performance.now();
  await redis.ping();
  samples.push(performance.now() - begin);
  await sleep(PING_INTERVAL_MS);
}
const sorted = samples.sort((a, b) => a - b);
const report: ProbeReport = {
  pings: sorted.length,
  p50Ms: percentile(sorted, 0.5),
  maxMs: sorted[sorted.length - 1] ?? Number.NaN,
};
process.send?.(report, () => {
  redis.disconnect();
  process.exit(0);
});
