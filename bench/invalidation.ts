import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { forkBenchModule, nextMessage, stopChild } from './child-process';
import { createNaive, naiveKey, warmUp, type Contender } from './contenders';
import type { BenchContext } from './context';
import { createLibCache } from './lib-cache-contender';
import { measureInterleaved, timeOnce } from './measure';
import { immediateLoader, ttsEntrySchema } from './payload';
import type { ProbeReport } from './ping-probe';
import { formatDuration, type ScenarioResult } from './report';

/**
 * Scenario 4: drop a namespace of 1,000,000 entries, timing the call and the worst PING that a
 * separate client saw meanwhile. Entries are written in each contender's real key format: one
 * entry is written through the contender, then cloned (DUMP/RESTORE in a Lua loop) under the
 * keys the contender would use, so what is invalidated is byte for byte what it would store.
 */
const NAIVE_DELETE_CHUNK = 1_000;
/**
 * Each clone script blocks Redis while it runs. At 50,000 RESTOREs a script took about as long
 * as lib/cache's 250 ms command timeout on this shared machine, so the instances' background
 * commands (bus heartbeat, version refresh) could time out during the fill and open a breaker.
 */
const CLONES_PER_SCRIPT = 10_000;
/** How long the check of the clones may wait for an instance that saw Redis stall meanwhile. */
const RECOVERY_MS = 5_000;

const CLONE_SCRIPT = `
for i = tonumber(ARGV[1]), tonumber(ARGV[2]) do
  redis.call('RESTORE', KEYS[1] .. i, tonumber(ARGV[3]), ARGV[4])
end
return 1`;

/** Seeds `k0` through the contender, then clones it as `k1` … `k{count-1}`. */
async function fillNamespace(
  redis: Redis,
  contender: Contender,
  prefix: string,
  count: number,
): Promise<void> {
  await contender.getOrSet('k0', immediateLoader);
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*:k0`, 'COUNT', 10_000);
    found.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  const seed = found[0];
  if (found.length !== 1 || seed === undefined) {
    throw new Error(`expected one seeded entry under ${prefix}, found ${found.length}`);
  }
  const [dump, ttlMs] = await Promise.all([redis.dumpBuffer(seed), redis.pttl(seed)]);
  if (dump === null) throw new Error(`seeded entry ${seed} vanished`);
  const keyStem = seed.slice(0, -'0'.length);
  for (let first = 1; first < count; first += CLONES_PER_SCRIPT) {
    const last = Math.min(count - 1, first + CLONES_PER_SCRIPT - 1);
    await redis.eval(CLONE_SCRIPT, 1, keyStem, first, last, ttlMs, dump);
  }
}

/** Runs `work` while a separate process PINGs Redis, and reports both. */
async function underProbe<T>(redisUrl: string, work: () => Promise<T>) {
  const probe = forkBenchModule('./ping-probe.ts', [redisUrl]);
  try {
    await nextMessage<'ready'>(probe);
    await sleep(200);
    const { ms, result } = await timeOnce(work);
    await sleep(200);
    const report = nextMessage<ProbeReport>(probe);
    probe.send('stop');
    return { ms, result, probe: await report };
  } finally {
    await stopChild(probe);
  }
}

async function naiveInvalidate(redis: Redis, pattern: string): Promise<number> {
  const keys = await redis.keys(pattern);
  for (let index = 0; index < keys.length; index += NAIVE_DELETE_CHUNK) {
    await redis.del(keys.slice(index, index + NAIVE_DELETE_CHUNK));
  }
  return keys.length;
}

const probeNote = (probe: ProbeReport) =>
  `worst PING meanwhile ${formatDuration(probe.maxMs)} (typical ${formatDuration(probe.p50Ms)})`;

export async function runInvalidation(context: BenchContext): Promise<ScenarioResult> {
  const count = context.quick ? 100_000 : 1_000_000;
  const scenario = `invalidate a namespace of ${count.toLocaleString('en-US')} keys`;
  const admin = new Redis(context.redisUrl);
  const result: ScenarioResult = { rows: [], verdicts: [] };
  const sample = `k${count - 1}`;
  try {
    const naivePrefix = `${context.prefix}-in`;
    const naive = createNaive({ redisUrl: context.redisUrl, prefix: naivePrefix });
    const naiveInvalidation = () => naiveInvalidate(admin, naiveKey(naivePrefix, '*'));
    // Each contender invalidates once while empty first, so the measured call pays no first-use costs.
    await naiveInvalidation();
    await fillNamespace(admin, naive, naivePrefix, count);
    await naive.close();
    const naiveRun = await underProbe(context.redisUrl, naiveInvalidation);
    const naiveLeft = await admin.exists(naiveKey(naivePrefix, sample));
    result.rows.push({
      scenario,
      contender: 'naive KEYS + DEL (1,000-key chunks)',
      result: `${formatDuration(naiveRun.ms)}; ${probeNote(naiveRun.probe)}${naiveLeft ? '; ENTRIES LEFT' : ''}`,
    });

    const libPrefix = `${context.prefix}-il`;
    const options = { redisUrl: context.redisUrl, prefix: libPrefix };
    const lib = createLibCache(options);
    // A second instance with an empty L1 proves the clones are real entries, then that they are gone.
    const reader = createLibCache(options);
    await Promise.all([warmUp(lib), warmUp(reader)]);
    await lib.cache.invalidateNamespace('tts');
    await fillNamespace(admin, lib, libPrefix, count);
    const read = () => reader.cache.get({ namespace: 'tts', key: sample, schema: ttsEntrySchema });
    // The fill blocks Redis in stretches; an instance that timed out meanwhile skips Redis (its
    // breaker) until a probe succeeds, and then answers from L2 again. Wait for that, bounded.
    const deadline = Date.now() + RECOVERY_MS;
    while ((await read())?.tier !== 'l2') {
      if (Date.now() > deadline) throw new Error('cloned lib/cache entries do not read as L2 hits');
      await sleep(50);
    }
    const invalidate = () => lib.cache.invalidateNamespace('tts');
    // The first call meets 1M live entries; the repeats show the spread on this shared machine.
    const libRun = await underProbe(context.redisUrl, async () => ({
      first: await timeOnce(invalidate),
      repeated: await measureInterleaved(
        { invalidate },
        { inFlight: 1, warmupMs: 0, timeMs: 1_000, rounds: 1 },
      ),
    }));
    const { first, repeated } = libRun.result;
    const stillThere = (await read()) !== undefined;
    await Promise.all([lib.close(), reader.close()]);
    result.rows.push({
      scenario,
      contender: 'lib/cache invalidateNamespace',
      measurement: repeated.invalidate,
      result: `first call ${formatDuration(first.ms)}, then ${repeated.invalidate.operations} more; ${probeNote(libRun.probe)}${stillThere ? '; OLD ENTRY STILL SERVED' : ''}`,
    });
    result.verdicts.push({
      target: 'namespace invalidation < 1 ms whatever its size',
      measured: `with ${count.toLocaleString('en-US')} keys: first call ${formatDuration(first.ms)}; ${repeated.invalidate.operations} repeats p50 ${formatDuration(repeated.invalidate.p50Ms)}, p99 ${formatDuration(repeated.invalidate.p99Ms)} (judged on p50); naive ${formatDuration(naiveRun.ms)}`,
      met: repeated.invalidate.p50Ms < 1 && !stillThere,
    });
    return result;
  } finally {
    admin.disconnect();
  }
}
