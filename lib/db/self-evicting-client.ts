import pg from 'pg';
import { log } from '@/lib/log/logger';

/**
 * pg's `query_timeout` fails a query that got no answer in time, but keeps the connection: the
 * unanswered query stays "active", so every later query on that connection queues behind it and
 * times out as well. When the bytes were lost (a NAT that forgot the connection, a failover), the
 * pool hands that dead connection out again and again and the app never heals by itself.
 *
 * This client ends itself as soon as one of its queries times out, so the pool drops it on
 * release (pg-pool removes an ending client) and opens a fresh connection for the next request.
 */
export class SelfEvictingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (error: unknown, ...rest: unknown[]) => {
        this.evictOnTimeout(error);
        return (last as (...callbackArgs: unknown[]) => unknown)(error, ...rest);
      };
    }
    const result = (super.query as (...queryArgs: unknown[]) => unknown)(...args);
    if (result instanceof Promise) {
      // The caller still gets the rejection; this only watches it.
      result.catch((error: unknown) => this.evictOnTimeout(error));
    }
    return result as never;
  }

  private evictOnTimeout(error: unknown): void {
    if (error instanceof Error && error.message === QUERY_READ_TIMEOUT) {
      // end() marks the client as ending at once and destroys a socket with a query in flight.
      log.warn('database: a query got no answer in time; closing its connection');
      this.end().catch((closing: unknown) =>
        log.warn({ err: closing }, 'database: closing a timed-out connection failed'),
      );
    }
  }
}

/** pg's message for a `query_timeout` (lib/client.js); it has no error code. */
export const QUERY_READ_TIMEOUT = 'Query read timeout';
