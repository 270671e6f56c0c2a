import { prisma } from '@/lib/db/client';
import { reportDatabaseDown, reportDatabaseUp } from './database-outage';
import { isDatabaseUnavailableError } from './database-unavailable-error';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_MESSAGE,
} from './database-outage-message';
import { errorResponse } from './errors';

// async: a prisma() that cannot even be created (no DATABASE_URL) is a failed probe, not a throw.
const probeDatabase = async () => prisma().$queryRaw`SELECT 1`;

/**
 * Records an error seen while serving a request: a database outage flips the process into
 * "database down" (pages answer 503 from the proxy until a probe succeeds). True when it was one.
 */
export function noteRequestError(error: unknown): boolean {
  if (!isDatabaseUnavailableError(error)) return false;
  reportDatabaseDown(probeDatabase);
  return true;
}

/** What a health probe saw, so pages stop (or resume) answering 503 without waiting for an error. */
export function noteDatabaseHealth(up: boolean): void {
  if (up) reportDatabaseUp();
  else reportDatabaseDown(probeDatabase);
}

/** The response for an error no handler mapped: 503 for a database outage, else a JSON 500. */
export function unexpectedErrorResponse(error: unknown): Response {
  if (noteRequestError(error)) {
    return errorResponse(503, 'database_unavailable', DATABASE_UNAVAILABLE_MESSAGE, {
      headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' },
    });
  }
  console.error('Unhandled error in a route handler', error);
  return errorResponse(500, 'internal_error', 'Something went wrong on our side.', {
    headers: { 'Cache-Control': 'no-store' },
  });
}

/**
 * Wraps a route handler so anything it throws becomes the shared JSON error shape, never Next's
 * empty 500: route files export `withErrorResponses(handler)`.
 */
export function withErrorResponses<Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      return unexpectedErrorResponse(error);
    }
  };
}
