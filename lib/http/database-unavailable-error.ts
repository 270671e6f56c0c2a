/**
 * Whether an error means "the database cannot answer right now" (so the request deserves a 503
 * and a retry) rather than "this request is wrong" or "our code is wrong" (a 4xx or a 500).
 *
 * The same outage reaches route handlers in many shapes, depending on where it struck:
 * - Prisma's own codes (P1001 can't reach, P1017 connection closed, P2024 pool timeout, P2028
 *   transaction API error such as "transaction already closed", ...);
 * - Prisma's `P2010` "raw query failed" and every other known-request error carry the driver
 *   adapter's error in `meta.driverAdapterError`, whose `cause` says `kind: DatabaseNotReachable`
 *   or, for a server error, `kind: postgres` with the SQLSTATE in `code`;
 * - errors pg throws with no code at all, passed through by the adapter untouched ("Connection
 *   terminated unexpectedly", "Query read timeout", pg-pool's "timeout exceeded when trying to
 *   connect", ...);
 * - Node socket errors (ECONNREFUSED, ECONNRESET, ...), bare or inside an AggregateError;
 * - any of the above wrapped in `cause` by a caller, such as lib/cache's CacheLoaderError.
 * test/input/database-unavailable-error.test.ts produces each of them through a TCP proxy.
 */

const PRISMA_CODES = new Set([
  'P1001', // can't reach database server
  'P1002', // database server timed out
  'P1008', // operations timed out
  'P1017', // server has closed the connection
  'P2024', // timed out fetching a connection from the pool
  'P2028', // transaction API error (could not start in time, already closed)
]);

const PRISMA_ERROR_NAMES = new Set(['PrismaClientInitializationError']);

const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);

// SQLSTATEs of a server that is going away, starting up, full or too slow: worth a retry.
const SQLSTATE_CLASSES = ['08']; // connection exception
const SQLSTATES = new Set([
  '53300', // too many connections
  '57014', // query canceled: our statement_timeout
  '55P03', // lock not available: our lock_timeout
  '57P01', // admin shutdown (server stopping, backend terminated)
  '57P02', // crash shutdown
  '57P03', // cannot connect now (server starting or in recovery)
]);

const NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// pg and pg-pool give these no code; their messages are all there is.
const PG_MESSAGES = [
  /^Connection terminated/, // "... unexpectedly", "... due to connection timeout"
  /^Query read timeout$/,
  /^timeout exceeded when trying to connect$/,
  /is not queryable$/, // after a connection error, or once the client was closed
];

export function isDatabaseUnavailableError(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    if (saysUnavailable(current)) return true;
    const { cause, meta, errors } = current as {
      cause?: unknown;
      meta?: unknown;
      errors?: unknown;
    };
    pending.push(cause);
    if (meta && typeof meta === 'object')
      pending.push((meta as Record<string, unknown>).driverAdapterError);
    if (Array.isArray(errors)) pending.push(...errors);
  }
  return false;
}

/** One link of the chain, on its own: an Error, or the adapter's plain `{kind, code}` object. */
function saysUnavailable(link: object): boolean {
  const { code, kind, name, message } = link as Record<string, unknown>;
  if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
  if (typeof code === 'string') {
    if (PRISMA_CODES.has(code) || NODE_CODES.has(code) || SQLSTATES.has(code)) return true;
    // Only a SQLSTATE (5 characters) is read by its class; Prisma codes start with a letter.
    if (/^[0-9A-Z]{5}$/.test(code) && SQLSTATE_CLASSES.includes(code.slice(0, 2))) return true;
  }
  if (typeof name === 'string' && PRISMA_ERROR_NAMES.has(name)) return true;
  return (
    link instanceof Error &&
    typeof message === 'string' &&
    PG_MESSAGES.some((pattern) => pattern.test(message))
  );
}
