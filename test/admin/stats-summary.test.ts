import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestCounts, summarizeBuckets } from '@/lib/admin/stats-summary';
import type { NamespaceCounters, StatsBucket } from '@/lib/cache';
import { emptyCounters, flattenCounters, unflattenCounters } from '@/lib/cache/stats';

/** Counters that are all zero but for the reads, tiers and loader latency buckets given. */
function counters(overrides: {
  reads?: Partial<NamespaceCounters['reads']>;
  l1?: Partial<NamespaceCounters['l1']>;
  l2?: Partial<NamespaceCounters['l2']>;
  latency?: number[];
}): NamespaceCounters {
  const value = emptyCounters();
  Object.assign(value.reads, overrides.reads);
  Object.assign(value.l1, overrides.l1);
  Object.assign(value.l2, overrides.l2);
  const { counts } = value.loaderLatency;
  (overrides.latency ?? []).forEach((count, index) => (counts[index] = count));
  value.loaderLatency.count = counts.reduce((a, b) => a + b, 0);
  return value;
}

test('request counts are the reads as their callers got them, whatever the tiers counted', () => {
  // One read that found L1 stale and L2 fresh counts at both tiers, and once as a read: a hit.
  const counts = requestCounts(counters({ reads: { hit: 1 }, l1: { stale: 1 }, l2: { hit: 1 } }));
  assert.deepEqual(counts, { hits: 1, misses: 0, stale: 0 });
});

test('a bucket stored before reads were counted holds no requests: its minute is a gap', () => {
  const fields = flattenCounters(counters({ l1: { hit: 5, miss: 2 }, l2: { miss: 2 } }));
  const old = Object.fromEntries(
    Object.entries(fields)
      .filter(([field]) => !field.startsWith('reads.'))
      .map(([field, value]) => [field, String(value)]),
  );
  const now = Date.parse('2025-01-01T12:00:30Z');
  const bucket = { minute: Date.parse('2025-01-01T12:00:00Z'), namespace: 'tts' };
  const summary = summarizeBuckets([{ ...bucket, counters: unflattenCounters(old) }], now);
  assert.deepEqual(summary.series.at(-1), { minute: bucket.minute, requests: 0, hitRate: null });
  assert.equal(summary.windows.last5m.hitRate, null);
});

test('windows, per-minute series with gaps, and loader percentiles', () => {
  const now = Date.parse('2025-01-01T12:00:30Z');
  const minute = (back: number) => Date.parse('2025-01-01T12:00:00Z') - back * 60_000;
  const bucket = (back: number, value: NamespaceCounters): StatsBucket => ({
    minute: minute(back),
    namespace: 'tts',
    counters: value,
  });
  const summary = summarizeBuckets(
    [
      bucket(0, counters({ reads: { hit: 9, miss: 1 }, latency: [0, 0, 0, 0, 4] })),
      bucket(10, counters({ reads: { hit: 1, miss: 1 } })),
      bucket(120, counters({ reads: { miss: 10 } })),
    ],
    now,
  );
  assert.equal(summary.windows.last5m.hitRate, 0.9);
  assert.equal(summary.windows.last5m.meetsTarget, true);
  assert.equal(summary.windows.last1h.hitRate, 10 / 12);
  assert.equal(summary.windows.last24h.hitRate, 10 / 22);
  assert.equal(summary.windows.last24h.meetsTarget, false);
  assert.equal(summary.series.length, 60);
  assert.equal(summary.series.at(-1)?.hitRate, 0.9);
  assert.equal(summary.series.at(-11)?.hitRate, 0.5);
  assert.equal(summary.series.at(-2)?.hitRate, null, 'a minute without reads is a gap, not 0%');
  // All four loads fell in the (10, 25] ms bucket: the median interpolates inside it.
  assert.equal(summary.loader.p50Ms, 17.5);
  assert.equal(summary.loader.p95Ms, 24.25);
});
