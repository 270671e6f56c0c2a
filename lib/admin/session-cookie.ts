import { parse as parseCookies, serialize } from 'cookie';

/**
 * The admin session cookie. In production it carries the `__Host-` prefix, so browsers accept it
 * only when Secure, Path=/ and without Domain: a sibling subdomain cannot plant one (cookie tossing).
 */
export function adminCookieName(production: boolean): string {
  return production ? '__Host-ts_admin' : 'ts_admin';
}

/** The cookie's attributes, for a Set-Cookie header and for Next's `cookies().set` alike. */
export function sessionCookieOptions(production: boolean, maxAgeSeconds: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    maxAge: maxAgeSeconds,
    secure: production,
  };
}

export function sessionCookieHeader(
  production: boolean,
  token: string,
  maxAgeSeconds: number,
): string {
  return serialize(
    adminCookieName(production),
    token,
    sessionCookieOptions(production, maxAgeSeconds),
  );
}

export function clearedSessionCookieHeader(production: boolean): string {
  return sessionCookieHeader(production, '', 0);
}

/** The session token from a Cookie header, if any (the first one when a name repeats). */
export function sessionTokenFromCookies(
  cookieHeader: string | null,
  production: boolean,
): string | undefined {
  if (!cookieHeader) return undefined;
  return parseCookies(cookieHeader)[adminCookieName(production)] || undefined;
}
