/** Per namespace: reads answered from the cache (fresh or stale), misses, and loader calls. */
export type CacheMetrics = Record<string, { hits: number; misses: number; loaderCalls: number }>;

const SAMPLE = /^(cache_reads_total|cache_loader_calls_total)\{([^}]*)\} (\d+(?:\.\d+)?)$/;

/** Reads the process's cache counters from its Prometheus endpoint, /api/metrics. */
export async function readCacheMetrics(baseUrl: string): Promise<CacheMetrics> {
  const text = await (await fetch(`${baseUrl}/api/metrics`)).text();
  const metrics: CacheMetrics = {};
  for (const line of text.split('\n')) {
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const [, name, labelText, value] = match;
    const labels = Object.fromEntries(
      [...labelText!.matchAll(/(\w+)="([^"]*)"/g)].map(([, key, label]) => [key, label]),
    );
    const entry = (metrics[labels.namespace!] ??= { hits: 0, misses: 0, loaderCalls: 0 });
    const count = Number(value);
    if (name === 'cache_loader_calls_total') entry.loaderCalls += count;
    // Each read counted once, by the answer its caller got.
    else if (labels.result === 'miss') entry.misses += count;
    else entry.hits += count;
  }
  return metrics;
}

export function subtractMetrics(after: CacheMetrics, before: CacheMetrics): CacheMetrics {
  return Object.fromEntries(
    Object.entries(after).map(([namespace, counts]) => {
      const earlier = before[namespace] ?? { hits: 0, misses: 0, loaderCalls: 0 };
      return [
        namespace,
        {
          hits: counts.hits - earlier.hits,
          misses: counts.misses - earlier.misses,
          loaderCalls: counts.loaderCalls - earlier.loaderCalls,
        },
      ];
    }),
  );
}
