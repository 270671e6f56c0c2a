import { collectDefaultMetrics, Registry } from 'prom-client';
import { appCache } from '@/lib/app-cache';
import { createCacheMetricsRegistry } from '@/lib/cache';

const holder = globalThis as typeof globalThis & { tingshuoMetrics?: Registry };

/** One registry per process: the cache's series plus Node's own (heap, event loop lag, GC). */
export function metricsRegistry(): Registry {
  if (!holder.tingshuoMetrics) {
    const registry = createCacheMetricsRegistry(appCache());
    collectDefaultMetrics({ register: registry });
    holder.tingshuoMetrics = registry;
  }
  return holder.tingshuoMetrics;
}
