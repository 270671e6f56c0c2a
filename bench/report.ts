import type { Measurement } from './measure';

/** One line of the single results table; scenarios fill the columns that apply to them. */
export interface Row {
  scenario: string;
  contender: string;
  measurement?: Measurement;
  /** Time per operation relative to the scenario's baseline row (1.00× = as fast). */
  vsBaseline?: number;
  /** What the scenario counts when ops/s does not apply (loader calls, stall, added latency). */
  result?: string;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.01 ? 2 : 1)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function formatRate(opsPerSec: number): string {
  if (opsPerSec >= 1e6) return `${(opsPerSec / 1e6).toFixed(2)}M`;
  if (opsPerSec >= 1e3) return `${(opsPerSec / 1e3).toFixed(1)}K`;
  return opsPerSec.toFixed(0);
}

/** Rows that measured throughput, compared with the first row named `baseline`. */
export function throughputRows(
  scenario: string,
  measurements: { contender: string; measurement: Measurement }[],
  baseline: string,
): Row[] {
  const base = measurements.find((entry) => entry.contender === baseline)?.measurement;
  return measurements.map(({ contender, measurement }) => ({
    scenario,
    contender,
    measurement,
    vsBaseline: base ? base.opsPerSec / measurement.opsPerSec : undefined,
  }));
}

export function renderTable(rows: Row[]): string {
  const header = ['Scenario', 'Contender', 'ops/s', 'p50', 'p99', 'time/op vs baseline', 'Result'];
  const lines = rows.map((row) => [
    row.scenario,
    row.contender,
    row.measurement ? formatRate(row.measurement.opsPerSec) : '',
    row.measurement ? formatDuration(row.measurement.p50Ms) : '',
    row.measurement ? formatDuration(row.measurement.p99Ms) : '',
    row.vsBaseline === undefined ? '' : `${row.vsBaseline.toFixed(2)}×`,
    row.result ?? '',
  ]);
  return [header, header.map(() => '---'), ...lines]
    .map((cells) => `| ${cells.join(' | ')} |`)
    .join('\n');
}

/** A target from the issue, checked against this run's numbers. */
export interface Verdict {
  target: string;
  measured: string;
  met: boolean;
}

export interface ScenarioResult {
  rows: Row[];
  verdicts: Verdict[];
}
