import { Counter, Gauge, Registry, type Metric } from 'prom-client';
import type { Cache, NamespaceCounters } from './types';

type Snapshot = Record<string, NamespaceCounters>;

/** The counters kept per namespace, each exported as `{name}{namespace}`. */
const PER_NAMESPACE_COUNTERS: [string, string, (counters: NamespaceCounters) => number][] = [
  ['cache_loader_calls_total', 'Loader (upstream) calls.', (c) => c.loaderCalls],
  ['cache_loader_errors_total', 'Loader failures, timeouts included.', (c) => c.loaderErrors],
  [
    'cache_loader_timeouts_total',
    'Loaders stopped by their hard timeout.',
    (c) => c.loaderTimeouts,
  ],
  [
    'cache_invalidations_total',
    'Deletes, expires, namespace and tag invalidations.',
    (c) => c.invalidations,
  ],
  [
    'cache_coalesced_total',
    'Requests that waited for a fill already in flight.',
    (c) => c.coalesced,
  ],
  [
    'cache_stale_served_total',
    'Stale values served (SWR, fail-safe), once per value handed to a caller.',
    (c) => c.reads.stale,
  ],
  ['cache_l1_evictions_total', 'L1 entries evicted for space.', (c) => c.l1Evictions],
  ['cache_corrupt_entries_total', 'Entries that failed decoding or validation.', (c) => c.corrupt],
];

/**
 * Prometheus view of one cache, collected on scrape from the in-memory counters (nothing extra on
 * the request path). Labels are namespaces and tiers only, never keys, so cardinality is bounded.
 * Returns the registry the /api/metrics route serves: `await registry.metrics()`.
 */
export function createCacheMetricsRegistry<N extends string>(
  cache: Cache<N>,
  registry: Registry = new Registry(),
): Registry {
  let taken: { at: number; namespaces: Snapshot } | undefined;
  // One snapshot per scrape, shared by every series (they are collected back to back).
  const snapshot = (): Snapshot => {
    if (!taken || Date.now() - taken.at > 100) {
      taken = { at: Date.now(), namespaces: cache.stats.snapshot().namespaces };
    }
    return taken.namespaces;
  };

  new Counter({
    name: 'cache_reads_total',
    help: 'Reads by namespace and the answer the caller got (hit, miss, stale), once per read.',
    labelNames: ['namespace', 'result'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [namespace, counters] of Object.entries(snapshot())) {
        for (const result of ['hit', 'miss', 'stale'] as const)
          this.inc({ namespace, result }, counters.reads[result]);
      }
    },
  });
  new Counter({
    name: 'cache_requests_total',
    help: 'Lookups per tier (l1, l2) and result (hit, miss, stale); one read may count at both tiers, and background refreshes count too. Hit rates come from cache_reads_total.',
    labelNames: ['namespace', 'tier', 'result'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [namespace, counters] of Object.entries(snapshot())) {
        for (const tier of ['l1', 'l2'] as const) {
          for (const result of ['hit', 'miss', 'stale'] as const) {
            this.inc({ namespace, tier, result }, counters[tier][result]);
          }
        }
      }
    },
  });
  for (const [name, help, read] of PER_NAMESPACE_COUNTERS) {
    new Counter({
      name,
      help,
      labelNames: ['namespace'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [namespace, counters] of Object.entries(snapshot()))
          this.inc({ namespace }, read(counters));
      },
    });
  }

  new Gauge({
    name: 'cache_redis_up',
    help: '1 when Redis is reachable and the breaker is not open.',
    registers: [registry],
    collect() {
      this.set(cache.health().redis === 'up' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'cache_breaker_state',
    help: 'Circuit breaker state: 1 for the current one.',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const current = cache.health().breaker;
      for (const state of ['closed', 'open', 'half-open'])
        this.set({ state }, state === current ? 1 : 0);
    },
  });
  registry.registerMetric(loaderLatencyHistogram(snapshot));
  return registry;
}

/**
 * prom-client's Histogram can only be fed observations; ours are already bucketed by the cache,
 * so this metric renders those buckets directly (cumulative, in seconds) in the registry's format.
 */
function loaderLatencyHistogram(snapshot: () => Snapshot): Metric {
  const name = 'cache_loader_duration_seconds';
  const collector = {
    name,
    help: 'Loader latency.',
    type: 'histogram',
    aggregator: 'sum',
    async get() {
      const values = Object.entries(snapshot()).flatMap(([namespace, counters]) => {
        const latency = counters.loaderLatency;
        let cumulative = 0;
        const buckets = latency.counts.map((count, index) => {
          cumulative += count;
          const bound = latency.boundsMs[index];
          const le = bound === undefined ? '+Inf' : bound / 1000;
          return { metricName: `${name}_bucket`, labels: { namespace, le }, value: cumulative };
        });
        return [
          ...buckets,
          { metricName: `${name}_sum`, labels: { namespace }, value: latency.sumMs / 1000 },
          { metricName: `${name}_count`, labels: { namespace }, value: latency.count },
        ];
      });
      return { name, help: collector.help, type: 'histogram', values, aggregator: 'sum' };
    },
  };
  return collector as unknown as Metric;
}
