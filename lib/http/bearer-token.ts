import { secretsEqual } from '@/lib/security/secrets-equal';
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
  if (sent !== undefined && secretsEqual(sent, expected)) return null;
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
