/**
 * The admin session cookie. In production it carries the `__Host-` prefix, so browsers accept it
 * only when Secure, Path=/ and without Domain: a sibling subdomain cannot plant one (cookie tossing).
 */
export function adminCookieName(production: boolean): string {
  return production ? '__Host-ts_admin' : 'ts_admin';
}

export function sessionCookieHeader(
  production: boolean,
  token: string,
  maxAgeSeconds: number,
): string {
  return [
    `${adminCookieName(production)}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
    ...(production ? ['Secure'] : []),
  ].join('; ');
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
  const name = adminCookieName(production);
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) {
      const value = pair.slice(separator + 1).trim();
      return value || undefined;
    }
  }
  return undefined;
}
