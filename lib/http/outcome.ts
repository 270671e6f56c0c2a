import { errorResponse } from './errors';

/**
 * A refused or failed call as plain data, so one implementation serves two doors: a route
 * handler answers it as the JSON error shape (`outcomeResponse`), a Server Action returns it
 * as is (it is serializable). `field` names the input at fault, as in every JSON error.
 */
export interface ApiFailure {
  status: number;
  code: string;
  message: string;
  field?: string;
  /** Worth retrying after this long (a 409 in progress, a 503): the route's Retry-After. */
  retryAfterSeconds?: number;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

export function refused(
  status: number,
  code: string,
  message: string,
  extra: Pick<ApiFailure, 'field' | 'retryAfterSeconds'> = {},
): { ok: false; failure: ApiFailure } {
  return { ok: false, failure: { status, code, message, ...extra } };
}

/** The HTTP answer for an outcome: its value as JSON, or the shared JSON error. */
export function outcomeResponse<T>(
  outcome: Outcome<T>,
  headers: Record<string, string> = {},
): Response {
  if (outcome.ok) return Response.json(outcome.value, { headers });
  return failureResponse(outcome.failure, headers);
}

export function failureResponse(
  { status, code, message, field, retryAfterSeconds }: ApiFailure,
  headers: Record<string, string> = {},
): Response {
  return errorResponse(status, code, message, {
    field,
    headers: {
      ...headers,
      ...(retryAfterSeconds !== undefined && { 'Retry-After': String(retryAfterSeconds) }),
    },
  });
}
