/**
 * Whether this process currently knows the database to be unreachable. Route handlers and the
 * request-error hook report outages; the proxy reads the state to answer pages with a 503 before
 * rendering, since a page that fails mid-render can only be a 500. While down, a probe runs in
 * the background and clears the state as soon as the database answers again.
 *
 * Kept on globalThis: the proxy and the route handlers are separate bundles in one process.
 */
interface OutageState {
  down: boolean;
  since: number;
  watcher: NodeJS.Timeout | undefined;
}

const RECHECK_MS = 500;

// Prisma's codes for "cannot reach / lost / timed out talking to the server" (not query errors).
const UNREACHABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const UNREACHABLE_NAMES = new Set(['PrismaClientInitializationError']);
const UNREACHABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
const UNREACHABLE_ADAPTER_MESSAGES =
  /DatabaseNotReachable|ConnectionClosed|SocketTimeout|TooManyConnections/;

const holder = globalThis as typeof globalThis & { tingshuoDatabaseOutage?: OutageState };

function state(): OutageState {
  holder.tingshuoDatabaseOutage ??= { down: false, since: 0, watcher: undefined };
  return holder.tingshuoDatabaseOutage;
}

/** True when `error`, or anything in its `cause` chain, says the database cannot be reached. */
export function isDatabaseUnavailableError(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const { code } = current as { code?: unknown };
    if (
      typeof code === 'string' &&
      (UNREACHABLE_PRISMA_CODES.has(code) || UNREACHABLE_NODE_CODES.has(code))
    ) {
      return true;
    }
    if (UNREACHABLE_NAMES.has(current.name)) return true;
    if (
      current.name === 'DriverAdapterError' &&
      UNREACHABLE_ADAPTER_MESSAGES.test(current.message)
    ) {
      return true;
    }
    current = current.cause;
  }
  return false;
}

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
