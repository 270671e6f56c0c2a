import { randomUUID } from 'node:crypto';
import { prisma } from '@/lib/server/connections';
import { inRequest, log } from '@/lib/log/logger';
import { recordHttpRequest } from '@/lib/metrics/http-metrics';
import { databaseOutage, reportDatabaseDown, reportDatabaseUp } from './database-outage';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_MESSAGE,
} from './database-outage-message';
import { isDatabaseUnavailableError } from './database-unavailable-error';
import { type ApiFailure, failureResponse } from './outcome';

// async: a prisma() that cannot even be created (no DATABASE_URL) is a failed probe, not a throw.
const probeDatabase = async () => prisma().$queryRaw`SELECT 1`;

/**
 * Records an error seen while serving a request: a database outage flips the process into
 * "database down" (pages answer 503 from the proxy until a probe succeeds). True when it was one.
 */
export function noteRequestError(error: unknown): boolean {
  if (!isDatabaseUnavailableError(error)) return false;
  if (!databaseOutage().down) log.warn({ err: error }, 'database unavailable: answering 503');
  reportDatabaseDown(probeDatabase);
  return true;
}

/** What a health probe saw, so pages stop (or resume) answering 503 without waiting for an error. */
export function noteDatabaseHealth(up: boolean): void {
  if (up) reportDatabaseUp();
  else reportDatabaseDown(probeDatabase);
}

/** An error no handler mapped, as data: 503 for a database outage, else a 500 (logged). */
export function unexpectedErrorFailure(error: unknown): ApiFailure {
  if (noteRequestError(error)) {
    return {
      status: 503,
      code: 'database_unavailable',
      message: DATABASE_UNAVAILABLE_MESSAGE,
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    };
  }
  log.error({ err: error }, 'unhandled error in a route handler or Server Action');
  return { status: 500, code: 'internal_error', message: 'Something went wrong on our side.' };
}

/** The response for an error no handler mapped: 503 for a database outage, else a JSON 500. */
export function unexpectedErrorResponse(error: unknown): Response {
  return failureResponse(unexpectedErrorFailure(error), { 'Cache-Control': 'no-store' });
}

// A proxy's own id is kept (so its logs and ours line up) when it is a plain token.
const INCOMING_REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * Wraps a route handler: anything it throws becomes the shared JSON error shape, never Next's
 * empty 500; every log line it writes carries the request's id, which the response returns as
 * `X-Request-Id`; and its route, method, status and duration go to /api/metrics. Route files
 * export `withErrorResponses(handler)`.
 */
export function withErrorResponses<Args extends [Request, ...unknown[]]>(
  handler: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    const [request] = args;
    const startedAt = performance.now();
    const incoming = request.headers.get('x-request-id') ?? '';
    const requestId = INCOMING_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const response = await inRequest(requestId, async () => {
      try {
        return await handler(...args);
      } catch (error) {
        return unexpectedErrorResponse(error);
      }
    });
    recordHttpRequest(request, response.status, startedAt);
    try {
      response.headers.set('X-Request-Id', requestId);
    } catch (error) {
      // A response passed through from fetch() has immutable headers: it goes out without the id.
      log.debug({ err: error, requestId }, 'response headers are immutable');
    }
    return response;
  };
}
