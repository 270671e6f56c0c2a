import { createHash, timingSafeEqual } from 'node:crypto';
import { errorResponse } from './errors';

/**
 * A 401 unless the request carries `Authorization: Bearer <expected>`; null when it does, or when
 * no token is configured (the endpoint is then open, e.g. reachable only inside the cluster).
 */
export function bearerTokenFailure(
  request: Request,
  expected: string | undefined,
): Response | null {
  if (!expected) return null;
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (sent !== undefined && sameSecret(sent, expected)) return null;
  return errorResponse(
    401,
    'unauthorized',
    'Authorization: expected this endpoint’s bearer token.',
    {
      field: 'Authorization',
      headers: { 'WWW-Authenticate': 'Bearer', 'Cache-Control': 'no-store' },
    },
  );
}

function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}
