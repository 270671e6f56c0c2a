import { processWide } from '@/lib/server/process-wide';

/**
 * Whether this process currently knows the database to be unreachable. Route handlers and the
 * request-error hook report outages; the proxy reads the state to answer pages with a 503 before
 * rendering, since a page that fails mid-render can only be a 500. While down, a probe runs in
 * the background and clears the state as soon as the database answers again.
 *
 * One per process (lib/server/process-wide.ts): the proxy and the route handlers are separate
 * bundles in one process.
 */
interface OutageState {
  down: boolean;
  since: number;
  watcher: NodeJS.Timeout | undefined;
}

const RECHECK_MS = 500;

const state = processWide('tingshuoDatabaseOutage', (): OutageState => ({
  down: false,
  since: 0,
  watcher: undefined,
}));

export function databaseOutage(): { down: boolean; since: number } {
  const { down, since } = state();
  return { down, since };
}

/** Marks the database down and probes it every half second until `probe` resolves. */
export function reportDatabaseDown(probe: () => Promise<unknown>): void {
  const current = state();
  if (!current.down) {
    current.down = true;
    current.since = Date.now();
  }
  if (current.watcher) return;
  const check = () => {
    probe().then(reportDatabaseUp, () => {
      current.watcher = setTimeout(check, RECHECK_MS).unref();
    });
  };
  current.watcher = setTimeout(check, RECHECK_MS).unref();
}

export function reportDatabaseUp(): void {
  const current = state();
  current.down = false;
  clearTimeout(current.watcher);
  current.watcher = undefined;
}
