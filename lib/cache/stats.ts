import type { KeyLayout } from './keys';
import { unavailable, type RedisStore } from './l2';
import type {
  CacheStats,
  LatencyHistogram,
  NamespaceCounters,
  StatsBucket,
  StatsSnapshot,
  TierCounters,
} from './types';

/** Loader latency bucket bounds (ms). Fixed, so buckets from every instance add up. */
export const LATENCY_BOUNDS_MS = [
  1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000,
] as const;

const MINUTE = 60_000;
/** Buckets outlive a day so "the last 24 h" is always complete. */
const BUCKET_TTL_SECONDS = 25 * 3600;
/** Per flush, per namespace: enough for a good estimate, bounded memory if writes spike. */
const MAX_PENDING_KEYS = 20_000;

export function emptyCounters(): NamespaceCounters {
  const tier = (): TierCounters => ({ hit: 0, miss: 0, stale: 0 });
  return {
    reads: tier(),
    l1: tier(),
    l2: tier(),
    coalesced: 0,
    loaderCalls: 0,
    loaderErrors: 0,
    loaderTimeouts: 0,
    loaderLatency: {
      boundsMs: LATENCY_BOUNDS_MS,
      counts: new Array(LATENCY_BOUNDS_MS.length + 1).fill(0),
      sumMs: 0,
      count: 0,
    },
    l1Evictions: 0,
    invalidations: 0,
    corrupt: 0,
  };
}

type ScalarCounter =
  | 'coalesced'
  | 'loaderCalls'
  | 'loaderErrors'
  | 'loaderTimeouts'
  | 'l1Evictions'
  | 'invalidations'
  | 'corrupt';
const SCALARS: readonly ScalarCounter[] = [
  'coalesced',
  'loaderCalls',
  'loaderErrors',
  'loaderTimeouts',
  'l1Evictions',
  'invalidations',
  'corrupt',
];
const RESULTS = ['hit', 'miss', 'stale'] as const;
/** `reads` is stored as `reads.hit`, ... beside the tiers; old buckets simply lack those fields. */
const TIERED = ['reads', 'l1', 'l2'] as const;

/** Counters as flat hash fields (`l1.hit`, `loaderCalls`, `lat.3`, ...), how Redis buckets store them. */
export function flattenCounters(counters: NamespaceCounters): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const tier of TIERED) {
    for (const result of RESULTS) fields[`${tier}.${result}`] = counters[tier][result];
  }
  for (const name of SCALARS) fields[name] = counters[name] ?? 0;
  counters.loaderLatency.counts.forEach((count, index) => (fields[`lat.${index}`] = count));
  fields['lat.sum'] = counters.loaderLatency.sumMs;
  return fields;
}

export function unflattenCounters(fields: Record<string, string>): NamespaceCounters {
  const counters = emptyCounters();
  const read = (field: string) => Number(fields[field] ?? 0);
  for (const tier of TIERED) {
    for (const result of RESULTS) counters[tier][result] = read(`${tier}.${result}`);
  }
  for (const name of SCALARS) counters[name] = read(name);
  const latency = counters.loaderLatency;
  latency.counts = latency.counts.map((_, index) => read(`lat.${index}`));
  latency.count = latency.counts.reduce((sum, count) => sum + count, 0);
  latency.sumMs = read('lat.sum');
  return counters;
}

/**
 * The q-quantile (0..1) of a bucketed histogram, interpolated linearly inside the bucket that
 * holds the rank (what Prometheus' `histogram_quantile` does); observations past the last bound
 * report that bound. The one quantile of the codebase: the dashboard's p50/p95 use it too.
 */
export function quantileMs(histogram: LatencyHistogram, q: number): number | undefined {
  if (histogram.count === 0) return undefined;
  const rank = q * histogram.count;
  let cumulative = 0;
  for (let index = 0; index < histogram.counts.length; index += 1) {
    const inBucket = histogram.counts[index] ?? 0;
    const upper = histogram.boundsMs[index];
    if (upper === undefined) break;
    if (cumulative + inBucket >= rank && inBucket > 0) {
      const lower = index === 0 ? 0 : (histogram.boundsMs[index - 1] ?? 0);
      return lower + ((upper - lower) * (rank - cumulative)) / inBucket;
    }
    cumulative += inBucket;
  }
  return histogram.boundsMs.at(-1);
}

/**
 * Counted in memory on the hot path (plain increments), flushed to per-minute Redis hashes in one
 * pipeline every few seconds so the dashboard sees the whole fleet. Two copies per namespace:
 * totals for this process (snapshot, Prometheus) and the delta not yet flushed.
 */
export class StatsRecorder<N extends string> implements CacheStats<N> {
  private totals: Record<string, NamespaceCounters> = {};
  private pending: Record<string, NamespaceCounters> = {};
  private readonly writtenKeys = new Map<string, Set<string>>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: RedisStore,
    private readonly keys: KeyLayout,
    private readonly namespaceList: readonly N[],
    private readonly instanceId: string,
    private readonly namespaceVersion: (namespace: N) => string | undefined,
    flushMs: number,
  ) {
    this.resetLocal();
    this.timer = setInterval(() => void this.flush(), flushMs);
    this.timer.unref();
  }

  private resetLocal(): void {
    this.totals = {};
    this.pending = {};
    for (const namespace of this.namespaceList) {
      this.totals[namespace] = emptyCounters();
      this.pending[namespace] = emptyCounters();
    }
  }

  tier(namespace: string, tier: 'l1' | 'l2', result: keyof TierCounters): void {
    (this.totals[namespace] as NamespaceCounters)[tier][result] += 1;
    (this.pending[namespace] as NamespaceCounters)[tier][result] += 1;
  }

  /** One read's answer as its caller got it: counted once per read, where that answer is known. */
  answered(namespace: string, result: keyof TierCounters): void {
    (this.totals[namespace] as NamespaceCounters).reads[result] += 1;
    (this.pending[namespace] as NamespaceCounters).reads[result] += 1;
  }

  count(namespace: string, counter: ScalarCounter): void {
    (this.totals[namespace] as NamespaceCounters)[counter] += 1;
    (this.pending[namespace] as NamespaceCounters)[counter] += 1;
  }

  loaderLatency(namespace: string, ms: number): void {
    let index = LATENCY_BOUNDS_MS.findIndex((bound) => ms <= bound);
    if (index === -1) index = LATENCY_BOUNDS_MS.length;
    for (const counters of [
      this.totals[namespace],
      this.pending[namespace],
    ] as NamespaceCounters[]) {
      const histogram = counters.loaderLatency;
      histogram.counts[index] = (histogram.counts[index] ?? 0) + 1;
      histogram.count += 1;
      histogram.sumMs += ms;
    }
  }

  /** Remember a written key for the namespace's distinct-key estimate (HyperLogLog at flush). */
  wrote(namespace: string, id: string): void {
    let ids = this.writtenKeys.get(namespace);
    if (!ids) this.writtenKeys.set(namespace, (ids = new Set()));
    if (ids.size < MAX_PENDING_KEYS) ids.add(id);
  }

  snapshot(): StatsSnapshot<N> {
    return {
      instanceId: this.instanceId,
      namespaces: structuredClone(this.totals) as Record<N, NamespaceCounters>,
    };
  }

  async flush(): Promise<void> {
    const minute = Math.floor(Date.now() / MINUTE) * MINUTE;
    const deltas = this.pending;
    const written = new Map(this.writtenKeys);
    this.pending = {};
    for (const namespace of this.namespaceList) this.pending[namespace] = emptyCounters();
    this.writtenKeys.clear();

    const sent = await this.store.run((client) => {
      const pipeline = client.pipeline();
      for (const namespace of this.namespaceList) {
        const fields = Object.entries(
          flattenCounters(deltas[namespace] as NamespaceCounters),
        ).filter(([, value]) => value !== 0);
        if (fields.length > 0) {
          const key = this.keys.statsBucket(minute, namespace);
          for (const [field, value] of fields) pipeline.hincrbyfloat(key, field, value);
          pipeline.expire(key, BUCKET_TTL_SECONDS);
        }
        const ids = written.get(namespace);
        const version = this.namespaceVersion(namespace);
        if (ids && ids.size > 0 && version !== undefined) {
          const key = this.keys.keyCounter(namespace, version);
          pipeline.pfadd(key, ...ids);
          pipeline.expire(key, BUCKET_TTL_SECONDS);
        }
      }
      return pipeline.exec();
    });
    // Redis unreachable: fold the deltas back so the next flush carries them.
    if (sent === unavailable) this.mergeBack(deltas);
  }

  private mergeBack(deltas: Record<string, NamespaceCounters>): void {
    for (const namespace of this.namespaceList) {
      const merged = flattenCounters(this.pending[namespace] as NamespaceCounters);
      const old = flattenCounters(deltas[namespace] as NamespaceCounters);
      const sum: Record<string, string> = {};
      for (const field in merged) sum[field] = String((merged[field] ?? 0) + (old[field] ?? 0));
      this.pending[namespace] = unflattenCounters(sum);
    }
  }

  async history(options: { namespace?: N; minutes: number }): Promise<StatsBucket[]> {
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    const namespaces = options.namespace ? [options.namespace] : this.namespaceList;
    const wanted: { minute: number; namespace: N }[] = [];
    for (let back = options.minutes - 1; back >= 0; back -= 1) {
      for (const namespace of namespaces) wanted.push({ minute: now - back * MINUTE, namespace });
    }
    const replies = await this.store.run((client) => {
      const pipeline = client.pipeline();
      for (const { minute, namespace } of wanted)
        pipeline.hgetall(this.keys.statsBucket(minute, namespace));
      return pipeline.exec();
    });
    if (replies === unavailable || !replies) return [];
    return wanted.flatMap(({ minute, namespace }, index) => {
      const fields = replies[index]?.[1] as Record<string, string> | undefined;
      if (!fields || Object.keys(fields).length === 0) return [];
      return [{ minute, namespace, counters: unflattenCounters(fields) }];
    });
  }

  async keyCount(namespace: N): Promise<number> {
    const version = this.namespaceVersion(namespace);
    if (version === undefined) return 0;
    const count = await this.store.run((client) =>
      client.pfcount(this.keys.keyCounter(namespace, version)),
    );
    return count === unavailable ? 0 : count;
  }

  /** Deletes the known bucket names of the retention window: no SCAN needed. */
  async reset(): Promise<void> {
    this.resetLocal();
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    const bucketKeys: string[] = [];
    for (let back = 0; back <= (BUCKET_TTL_SECONDS * 1000) / MINUTE; back += 1) {
      for (const namespace of this.namespaceList)
        bucketKeys.push(this.keys.statsBucket(now - back * MINUTE, namespace));
    }
    await this.store.run(async (client) => {
      for (let start = 0; start < bucketKeys.length; start += 500) {
        await client.unlink(...bucketKeys.slice(start, start + 500));
      }
    });
  }

  close(): void {
    clearInterval(this.timer);
  }
}
