import { Histogram } from 'prom-client';
import { processWide } from '@/lib/server/process-wide';

/**
 * `tingshuo_http_request_duration_seconds{route,method,status}`: one histogram gives the request
 * rate, the error rate and the latency of every API route. Registered into the app's registry by
 * lib/metrics/registry.ts; kept out of any registry here so route code never pulls in the cache.
 */
export const httpRequestDuration = processWide(
  'tingshuoHttpMetrics',
  () =>
    new Histogram({
      name: 'tingshuo_http_request_duration_seconds',
      help: 'API requests by route pattern, method and status, with their duration',
      labelNames: ['route', 'method', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [],
    }),
);

/**
 * The route pattern of an API path, so a label never holds an id: a segment with a digit, a dot
 * or more than 24 characters (`/api/audio/<hash>.mp3`, `/api/conversations/<uuid>`) becomes
 * `[param]`.
 */
export function routePattern(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => (/[\d.]/.test(segment) || segment.length > 24 ? '[param]' : segment))
    .join('/');
}

export function recordHttpRequest(request: Request, status: number, startedAt: number): void {
  httpRequestDuration().observe(
    {
      route: routePattern(new URL(request.url).pathname),
      method: request.method,
      status: String(status),
    },
    (performance.now() - startedAt) / 1000,
  );
}
