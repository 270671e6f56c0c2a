import { refused } from '@/lib/http/outcome';
import { secretsEqual } from '@/lib/security/secrets-equal';

export const CSRF_HEADER = 'x-csrf-token';

export type CsrfFailure = 'cross_origin' | 'missing_token' | 'wrong_token';

/**
 * What the checks read of a request: a route handler's `Request`, or a Server Action's
 * `headers()` (which has no URL: the Host header speaks for it).
 */
export interface RequestHead {
  headers: Headers;
  url?: string;
}

/**
 * Browsers say where a request came from: `Sec-Fetch-Site` (modern browsers) and `Origin` (every
 * browser on a POST). Either one naming another site is refused. A client that sends neither is
 * not a browser acting for someone else, and still needs the session's token.
 */
export function crossOriginFailure(request: RequestHead): CsrfFailure | null {
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin') return 'cross_origin';
  const origin = request.headers.get('origin');
  if (origin && !sameOrigin(origin, request)) return 'cross_origin';
  return null;
}

/** How a learner route or a Server Action refuses a cross-site call (the admin's says csrf_). */
export function crossSiteRefusal() {
  return refused(403, 'cross_origin', 'Requests from other sites are not accepted.', {
    field: 'Origin',
  });
}

/**
 * Synchronizer-token check: the call must carry this session's CSRF token, which an API client
 * sends in the X-CSRF-Token header and a Server Action form in a hidden field.
 */
export function csrfFailure(
  request: RequestHead,
  sent: string | null,
  sessionCsrfToken: string,
): CsrfFailure | null {
  const crossOrigin = crossOriginFailure(request);
  if (crossOrigin) return crossOrigin;
  if (!sent) return 'missing_token';
  return secretsEqual(sent, sessionCsrfToken) ? null : 'wrong_token';
}

function sameOrigin(origin: string, request: RequestHead): boolean {
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
    request.url === undefined ? null : new URL(request.url).host,
  ];
  return hosts.some((host) => host !== null && host.split(',')[0]?.trim() === originHost);
}
