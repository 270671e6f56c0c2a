import type pg from 'pg';

/**
 * How long the app waits on PostgreSQL before it gives up and answers 503: every bound a request
 * can wait on the database for, in one place.
 */
export interface DatabaseTimeouts {
  /** Opening a connection, or waiting for a free one in the pool (pg-pool uses it for both). */
  connectTimeoutMs: number;
  /** One query, measured by the app: the bound that holds even when the server never answers. */
  queryTimeoutMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  connectTimeoutMs: 2_000,
  queryTimeoutMs: 3_000,
};

// TCP keepalive probes start after this much silence: a peer that vanished without a reset is
// noticed on an idle connection too, not only when a query is sent on it.
const KEEPALIVE_IDLE_MS = 10_000;

/**
 * pg Pool options (passed through @prisma/adapter-pg to `new pg.Pool`) that make the pool heal
 * itself:
 * - `connectionTimeoutMillis` bounds connecting and waiting for a pooled connection;
 * - `query_timeout` (client side) bounds a query even when no byte ever comes back;
 * - `statement_timeout` (server side, a little shorter) makes the server give up first when it
 *   is merely slow, so the connection stays usable;
 * - `idle_in_transaction_session_timeout` lets the server end a transaction whose client has
 *   vanished, releasing its row locks for everyone else;
 * - `lock_timeout` keeps a request from queuing behind such a lock for longer than a query may.
 */
export function databasePoolOptions(
  connectionString: string,
  max: number | undefined,
  { connectTimeoutMs, queryTimeoutMs }: DatabaseTimeouts,
): pg.PoolConfig {
  const serverSideMs = Math.max(1, queryTimeoutMs - 500);
  return {
    connectionString,
    max,
    connectionTimeoutMillis: connectTimeoutMs,
    query_timeout: queryTimeoutMs,
    statement_timeout: serverSideMs,
    lock_timeout: serverSideMs,
    idle_in_transaction_session_timeout: queryTimeoutMs * 2,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_IDLE_MS,
  };
}
