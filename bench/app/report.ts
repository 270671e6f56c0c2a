import { cpus, loadavg } from 'node:os';
import type { Result } from 'autocannon';
import { updateResults } from '../results-sections';
import type { Operation } from './mix';
import { MIX } from './mix';
import type { CacheMetrics } from './metrics';

export interface RunSummary {
  mode: 'cached' | 'bypassed';
  mix: { result: Result; byOperation: Record<Operation, { requests: number; errors: number }> };
  ttsOnly: { result: Result; byOperation: Record<Operation, { requests: number; errors: number }> };
  metrics: CacheMetrics;
  crashed: boolean;
}

const SECTION = '## App under load';

const errorsOf = (run: { result: Result }) =>
  run.result.errors + run.result.timeouts + run.result.non2xx;
const rps = (result: Result) => result.requests.average.toFixed(0);
const ms = (value: number) => `${value.toFixed(0)} ms`;

function hitRate(metrics: CacheMetrics, namespace?: string): number {
  const rows = namespace ? [metrics[namespace]] : Object.values(metrics);
  let hits = 0;
  let lookups = 0;
  for (const row of rows) {
    if (!row) continue;
    hits += row.hits;
    lookups += row.hits + row.misses;
  }
  return lookups === 0 ? 0 : hits / lookups;
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** The section's markdown, also written into bench/RESULTS.md in place of any earlier one. */
export async function writeAppResults({
  cached,
  bypassed,
  command,
  seconds,
  connections,
}: {
  cached: RunSummary;
  bypassed: RunSummary;
  command: string;
  seconds: number;
  connections: number;
}): Promise<string> {
  const namespaces = [
    ...new Set([...Object.keys(cached.metrics), ...Object.keys(bypassed.metrics)]),
  ].sort();
  const row = (label: string, pick: (run: RunSummary) => string) =>
    `| ${label} | ${pick(cached)} | ${pick(bypassed)} |`;
  const ttsRatio =
    cached.ttsOnly.result.requests.average /
    Math.max(bypassed.ttsOnly.result.requests.average, 1e-9);
  const overallHitRate = hitRate(cached.metrics);
  const totalErrors = [cached.mix, cached.ttsOnly, bypassed.mix, bypassed.ttsOnly].reduce(
    (sum, run) => sum + errorsOf(run),
    0,
  );
  const lines = [
    SECTION,
    '',
    `- Command: \`${command}\``,
    `- Date: ${new Date().toISOString()}; ${cpus().length} cores shared with other work (load average after: ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' / ')})`,
    `- The production build (\`next start\`) started by the bench on its own port and CACHE_PREFIX, with the seeded curriculum in its own Postgres database, shared Redis on loopback, the embedded espeak-ng voice and the offline tutor. ${connections} autocannon connections for ${seconds} s per run; rate limits raised for the bench through RATE_LIMIT_* variables (all requests come from 127.0.0.1).`,
    `- Mix: ${Object.entries(MIX)
      .map(([op, weight]) => `${op} ${(weight * 100).toFixed(0)}%`)
      .join(
        ', ',
      )}; phrases (POST /api/tts) Zipf-distributed (s = 1.1) over the whole curriculum, tutor questions Zipf over 16 questions, random learners from a crowd of signed cookies, reviews on random phrases. Pages and GET /api/progress plus the speech lookups are the 80% reads.`,
    '- "bypassed" is the same app with CACHE_BYPASS=1, behaving as an app without any cache: every cache read runs its loader (speech: espeak-ng synthesises every request, stored audio files are not reused; progress: the summary queries; tutor: the offline model; catalogue: the lesson queries). Each run starts from an empty cache with an unmeasured warm-up of the same mix. The speech-only rows ask for the most popular phrases only (POST /api/tts), so the cached side serves them from the cache after their first synthesis, as a deployed app would.',
    '',
    '| | cache on | cache bypassed |',
    '|---|---|---|',
    row('mix: requests/s', (run) => rps(run.mix.result)),
    row(
      'mix: p50 / p99 latency',
      (run) => `${ms(run.mix.result.latency.p50)} / ${ms(run.mix.result.latency.p99)}`,
    ),
    row(
      'mix: requests (errors)',
      (run) => `${run.mix.result.requests.total} (${errorsOf(run.mix)})`,
    ),
    ...(['page', 'progress', 'tts', 'chat', 'review'] as const).map((op) =>
      row(
        `mix: ${op} responses (4xx/5xx)`,
        (run) => `${run.mix.byOperation[op].requests} (${run.mix.byOperation[op].errors})`,
      ),
    ),
    row('speech only: requests/s', (run) => rps(run.ttsOnly.result)),
    row(
      'speech only: p50 / p99 latency',
      (run) => `${ms(run.ttsOnly.result.latency.p50)} / ${ms(run.ttsOnly.result.latency.p99)}`,
    ),
    row('speech only: errors', (run) => String(errorsOf(run.ttsOnly))),
    ...namespaces.map((namespace) =>
      row(`hit rate ${namespace} (mix)`, (run) =>
        run.mode === 'bypassed'
          ? 'bypassed'
          : `${percent(hitRate(run.metrics, namespace))} of ${(run.metrics[namespace]?.hits ?? 0) + (run.metrics[namespace]?.misses ?? 0)} lookups`,
      ),
    ),
    ...namespaces.map((namespace) =>
      row(`loader calls ${namespace} (mix)`, (run) =>
        run.mode === 'bypassed'
          ? 'every read (not counted)'
          : String(run.metrics[namespace]?.loaderCalls ?? 0),
      ),
    ),
    row('server still up afterwards', (run) => (run.crashed ? 'NO' : 'yes')),
    '',
    '### Targets',
    '',
    `- ${overallHitRate >= 0.8 ? '✅ met' : '❌ MISSED'}: hit rate ≥ 80% on the mix: ${percent(overallHitRate)} over all namespaces`,
    `- ${totalErrors === 0 ? '✅ met' : '❌ MISSED'}: zero errors: ${totalErrors} (socket errors, timeouts and non-2xx over all four runs)`,
    `- ${ttsRatio >= 10 ? '✅ met' : '❌ MISSED'}: cached ≥ 10× the uncached throughput on speech requests: ${ttsRatio.toFixed(1)}×`,
    '',
  ];
  const section = lines.join('\n');
  await updateResults(section);
  return section;
}
