import { secretsEqual } from '@/lib/security/secrets-equal';

export const CSRF_HEADER = 'x-csrf-token';

export type CsrfFailure = 'cross_origin' | 'missing_token' | 'wrong_token';

/**
 * Browsers say where a request came from: `Sec-Fetch-Site` (modern browsers) and `Origin` (every
 * browser on a POST). Either one naming another site is refused. A client that sends neither is
 * not a browser acting for someone else, and still needs the session's token.
 */
export function crossOriginFailure(request: Request): CsrfFailure | null {
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin') return 'cross_origin';
  const origin = request.headers.get('origin');
  if (origin && !sameOrigin(origin, request)) return 'cross_origin';
  return null;
}

/** Synchronizer-token check: the header must carry this session's CSRF token. */
export function csrfFailure(request: Request, sessionCsrfToken: string): CsrfFailure | null {
  const crossOrigin = crossOriginFailure(request);
  if (crossOrigin) return crossOrigin;
  const sent = request.headers.get(CSRF_HEADER);
  if (!sent) return 'missing_token';
  return secretsEqual(sent, sessionCsrfToken) ? null : 'wrong_token';
}

function sameOrigin(origin: string, request: Request): boolean {
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  // Behind a proxy the request URL may name the internal address; the Host the browser used wins.
  const hosts = [
    request.headers.get('x-forwarded-host'),
    request.headers.get('host'),
    new URL(request.url).host,
  ];
  return hosts.some((host) => host !== null && host.split(',')[0]?.trim() === originHost);
}
