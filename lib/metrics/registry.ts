import { collectDefaultMetrics, Registry } from 'prom-client';
import type { AppNamespace } from '@/lib/app-cache';
import { createCacheMetricsRegistry, type Cache } from '@/lib/cache';
import { httpRequestDuration } from './http-metrics';

const MISNAMED_DEFAULT_GAUGES = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/**
 * The process's registry (lib/server/metrics.ts keeps one): the cache's series, the API's
 * requests (http-metrics.ts) and Node's own (heap, event loop lag, GC).
 */
export function createMetricsRegistry(cache: Cache<AppNamespace>): Registry {
  const registry = createCacheMetricsRegistry(cache);
  registry.registerMetric(httpRequestDuration());
  collectDefaultMetrics({ register: registry });
  // Gauges whose names break Prometheus' naming rule (`_total` is for counters), so
  // `promtool check metrics` refuses the exposition; their per-type twins
  // (nodejs_active_handles{type=...}, ...) carry the same numbers.
  for (const name of MISNAMED_DEFAULT_GAUGES) registry.removeSingleMetric(name);
  return registry;
}
