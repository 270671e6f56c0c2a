import { performance } from 'node:perf_hooks';

/**
 * The one sampler every scenario uses, so contenders are measured the same way: a warm-up that
 * is thrown away, then operations timed one by one into a preallocated buffer (p50/p99 come from
 * real samples, not from a mean), and ops/s from wall time over the whole phase.
 *
 * Contenders are measured in interleaved rounds (A B C, B C A, ...) because this machine's two
 * cores are shared: a noisy second would otherwise land on one contender only.
 */

export type Operation = (iteration: number) => Promise<unknown>;

export interface Measurement {
  operations: number;
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface MeasureOptions {
  /** Operations kept in flight at once: 1 is sequential, 50 models a busy server. */
  inFlight: number;
  warmupMs: number;
  /** Total measured time per contender, split across rounds. */
  timeMs: number;
  rounds: number;
}

class SampleBuffer {
  private samples = new Float64Array(1 << 16);
  private count = 0;
  operations = 0;
  elapsedMs = 0;

  record(durationMs: number): void {
    if (this.count === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.count++] = durationMs;
  }

  summary(): Measurement {
    const sorted = this.samples.slice(0, this.count).sort();
    return {
      operations: this.operations,
      opsPerSec: this.operations / (this.elapsedMs / 1000),
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    };
  }
}

export function percentile(sorted: ArrayLike<number>, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/**
 * An operation served from memory resolves in microtasks only, so a tight loop of them would
 * starve timers and socket reads (a cache's background refresh, its bus, its command timeouts)
 * for the whole phase. A server yields between requests; so does the benchmark, once a
 * millisecond, outside the timed region.
 */
const YIELD_EVERY_MS = 1;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Keeps `inFlight` workers busy until the deadline; each worker awaits its own operation, so
 * latency includes queueing behind the other in-flight operations, as a server would see it.
 */
async function runPhase(
  operation: Operation,
  inFlight: number,
  durationMs: number,
  firstIteration: number,
  buffer?: SampleBuffer,
): Promise<number> {
  let iteration = firstIteration;
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async () => {
    let lastYield = performance.now();
    while (performance.now() < deadline) {
      const begin = performance.now();
      await operation(iteration++);
      const end = performance.now();
      buffer?.record(end - begin);
      if (end - lastYield >= YIELD_EVERY_MS) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  if (buffer) {
    buffer.elapsedMs += performance.now() - started;
    buffer.operations += iteration - firstIteration;
  }
  return iteration;
}

/** Measures every contender under the same options, interleaved round by round. */
export async function measureInterleaved<Name extends string>(
  operations: Record<Name, Operation>,
  options: MeasureOptions,
): Promise<Record<Name, Measurement>> {
  const names = Object.keys(operations) as Name[];
  const buffers = new Map(names.map((name) => [name, new SampleBuffer()]));
  const nextIteration = new Map(names.map((name) => [name, 0]));

  for (const name of names) {
    nextIteration.set(
      name,
      await runPhase(operations[name], options.inFlight, options.warmupMs, 0),
    );
  }
  for (let round = 0; round < options.rounds; round++) {
    const order = names.map((_, index) => names[(index + round) % names.length] as Name);
    for (const name of order) {
      const end = await runPhase(
        operations[name],
        options.inFlight,
        options.timeMs / options.rounds,
        nextIteration.get(name) ?? 0,
        buffers.get(name),
      );
      nextIteration.set(name, end);
    }
  }
  return Object.fromEntries(
    names.map((name) => [name, (buffers.get(name) as SampleBuffer).summary()]),
  ) as Record<Name, Measurement>;
}

/** Times one async call in milliseconds. */
export async function timeOnce<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const begin = performance.now();
  const result = await work();
  return { ms: performance.now() - begin, result };
}
