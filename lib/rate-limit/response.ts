import { errorResponse } from '@/lib/http/errors';

/** 429 with `Retry-After` in seconds, so clients (and the play button) know when to try again. */
export function rateLimitedResponse(retryAfterSeconds: number, what: string): Response {
  return errorResponse(
    429,
    'rate_limited',
    `Too many ${what}; try again in ${retryAfterSeconds} s.`,
    { headers: { 'Retry-After': String(retryAfterSeconds), 'Cache-Control': 'no-store' } },
  );
}
