import {
  quantileMs,
  type LatencyHistogram,
  type NamespaceCounters,
  type StatsBucket,
} from '@/lib/cache';

/** The dashboard's promise: a namespace is healthy when at least this share of reads are hits. */
export const HIT_RATE_TARGET = 0.8;

export interface RequestCounts {
  hits: number;
  misses: number;
  stale: number;
}

export interface WindowSummary extends RequestCounts {
  /** hits / (hits + misses + stale); null when there were no reads. */
  hitRate: number | null;
  meetsTarget: boolean | null;
}

export interface SeriesPoint {
  minute: number;
  requests: number;
  hitRate: number | null;
}

export interface NamespaceSummary {
  windows: { last5m: WindowSummary; last1h: WindowSummary; last24h: WindowSummary };
  /** One point per minute over the last hour, oldest first; minutes without reads have hitRate null. */
  series: SeriesPoint[];
  loader: { calls: number; errors: number; p50Ms: number | null; p95Ms: number | null };
}

export const WINDOWS_MINUTES = { last5m: 5, last1h: 60, last24h: 1440 } as const;
export const SERIES_MINUTES = 60;
const MINUTE_MS = 60_000;

/**
 * Request-level counts: the cache counts each read once by the answer its caller got, so these
 * are read as they are, never derived from the per-tier counters (a read that finds a stale L1
 * entry and a fresh L2 one counts at both tiers). Buckets written before that counter existed
 * hold no reads, so their minutes show as gaps rather than as guesses.
 */
export function requestCounts(counters: NamespaceCounters): RequestCounts {
  const { hit, miss, stale } = counters.reads;
  return { hits: hit, misses: miss, stale };
}

export function summarizeBuckets(buckets: readonly StatsBucket[], nowMs: number): NamespaceSummary {
  const currentMinute = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  const since = (minutes: number) => currentMinute - (minutes - 1) * MINUTE_MS;
  const windowOf = (minutes: number) =>
    summarizeWindow(buckets.filter((bucket) => bucket.minute >= since(minutes)));

  const lastHour = buckets.filter((bucket) => bucket.minute >= since(SERIES_MINUTES));
  const latency = mergeHistograms(lastHour.map((bucket) => bucket.counters.loaderLatency));

  return {
    windows: {
      last5m: windowOf(WINDOWS_MINUTES.last5m),
      last1h: windowOf(WINDOWS_MINUTES.last1h),
      last24h: windowOf(WINDOWS_MINUTES.last24h),
    },
    series: Array.from({ length: SERIES_MINUTES }, (_, index) => {
      const minute = since(SERIES_MINUTES) + index * MINUTE_MS;
      const counts = sumCounts(buckets.filter((bucket) => bucket.minute === minute));
      return { minute, requests: total(counts), hitRate: rate(counts) };
    }),
    loader: {
      calls: sum(lastHour, (bucket) => bucket.counters.loaderCalls),
      errors: sum(lastHour, (bucket) => bucket.counters.loaderErrors),
      p50Ms: latency && (quantileMs(latency, 0.5) ?? null),
      p95Ms: latency && (quantileMs(latency, 0.95) ?? null),
    },
  };
}

export function summarizeWindow(buckets: readonly StatsBucket[]): WindowSummary {
  return summarizeCounts(sumCounts(buckets));
}

export function summarizeCounts(counts: RequestCounts): WindowSummary {
  const hitRate = rate(counts);
  return { ...counts, hitRate, meetsTarget: hitRate === null ? null : hitRate >= HIT_RATE_TARGET };
}

function mergeHistograms(histograms: readonly LatencyHistogram[]): LatencyHistogram | null {
  const [first] = histograms;
  if (!first) return null;
  return histograms.reduce<LatencyHistogram>(
    (merged, next) => ({
      boundsMs: merged.boundsMs,
      counts: merged.counts.map((count, index) => count + (next.counts[index] ?? 0)),
      sumMs: merged.sumMs + next.sumMs,
      count: merged.count + next.count,
    }),
    { boundsMs: first.boundsMs, counts: first.counts.map(() => 0), sumMs: 0, count: 0 },
  );
}

function sumCounts(buckets: readonly StatsBucket[]): RequestCounts {
  const counts = buckets.map((bucket) => requestCounts(bucket.counters));
  return {
    hits: sum(counts, (count) => count.hits),
    misses: sum(counts, (count) => count.misses),
    stale: sum(counts, (count) => count.stale),
  };
}

const total = (counts: RequestCounts) => counts.hits + counts.misses + counts.stale;

function rate(counts: RequestCounts): number | null {
  const reads = total(counts);
  return reads === 0 ? null : counts.hits / reads;
}

function sum<T>(items: readonly T[], pick: (item: T) => number): number {
  return items.reduce((accumulator, item) => accumulator + pick(item), 0);
}
