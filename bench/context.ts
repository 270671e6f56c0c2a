import type { MeasureOptions } from './measure';

/** What every scenario is handed: where the private Redis is, a run-unique prefix, the budget. */
export interface BenchContext {
  redisUrl: string;
  /** Lowercase and short: lib/cache accepts `[a-z0-9_-]{1,32}` as a prefix. */
  prefix: string;
  /** `--quick`: a smoke run for development (short phases, 100K keys), not for RESULTS.md. */
  quick: boolean;
  timing: Omit<MeasureOptions, 'inFlight'>;
}
