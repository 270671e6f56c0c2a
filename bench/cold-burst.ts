import { setTimeout as sleep } from 'node:timers/promises';
import {
  createBentocache,
  createCachified,
  createNaive,
  type Contender,
  type ContenderOptions,
} from './contenders';
import { createLibCache } from './lib-cache-contender';
import { payload } from './payload';

/**
 * One burst of concurrent requests for a key nobody has cached yet, started at an agreed
 * wall-clock instant so two processes hit Redis together. The loader takes as long as a slow
 * upstream would, which is what makes a stampede expensive.
 */
export const BURST_REQUESTS = 500;
export const LOADER_MS = 50;

export const burstContenders = {
  naive: (options: ContenderOptions) => createNaive(options),
  'lib/cache (lease on)': (options: ContenderOptions) =>
    createLibCache({ ...options, lease: true }),
  'lib/cache (lease off)': (options: ContenderOptions) =>
    createLibCache({ ...options, lease: false }),
  'bentocache memory+redis': (options: ContenderOptions) =>
    createBentocache(options, 'memory+redis'),
  '@epic-web/cachified over ioredis': (options: ContenderOptions) => createCachified(options),
} satisfies Record<string, (options: ContenderOptions) => Contender>;

export type BurstContenderName = keyof typeof burstContenders;

export interface BurstOutcome {
  loaderCalls: number;
  failures: number;
  slowestMs: number;
}

export async function coldBurst(
  contender: Contender,
  key: string,
  startAtEpochMs: number,
): Promise<BurstOutcome> {
  let loaderCalls = 0;
  const loader = async () => {
    loaderCalls += 1;
    await sleep(LOADER_MS);
    return payload;
  };
  await sleep(Math.max(0, startAtEpochMs - Date.now()));
  const started = performance.now();
  let slowestMs = 0;
  const settled = await Promise.allSettled(
    Array.from({ length: BURST_REQUESTS }, async () => {
      await contender.getOrSet(key, loader);
      slowestMs = Math.max(slowestMs, performance.now() - started);
    }),
  );
  return {
    loaderCalls,
    failures: settled.filter((outcome) => outcome.status === 'rejected').length,
    slowestMs,
  };
}
