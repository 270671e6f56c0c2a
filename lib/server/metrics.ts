import { createMetricsRegistry } from '@/lib/metrics/registry';
import { appCache } from './connections';
import { processWide } from './process-wide';

/** The Prometheus registry `GET /api/metrics` exposes. */
export const metricsRegistry = processWide('tingshuoMetrics', () =>
  createMetricsRegistry(appCache()),
);
