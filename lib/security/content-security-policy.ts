import { randomBytes } from 'node:crypto';

/** A fresh, unguessable nonce per page response: the only way an inline script may run. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The pages' Content-Security-Policy. Scripts run only with this response's nonce ('strict-dynamic'
 * lets Next's nonce-carrying loader pull its own chunks), never inline or from another origin;
 * everything else comes from this origin only: no CDN, fonts and audio are served by the app.
 * Styles allow inline because React style attributes cannot carry a nonce (tone colours use them).
 * `next dev` needs eval for its error overlay; production never does.
 */
export function contentSecurityPolicy(nonce: string, { development = false } = {}): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': [
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(development ? ["'unsafe-eval'"] : []),
    ],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'media-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** API answers are data, never documents: nothing may load from them or frame them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Headers every response carries, pages and APIs alike. */
export function baseSecurityHeaders({ production }: { production: boolean }) {
  return [
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    // Legacy twin of frame-ancestors for browsers that predate CSP level 2.
    { key: 'X-Frame-Options', value: 'DENY' },
    {
      key: 'Permissions-Policy',
      // "Say it" records the learner on this origin (and scores it there); nothing else needs
      // these, and no framed or other origin gets the microphone.
      value: 'camera=(), microphone=(self), geolocation=(), payment=(), usb=(), interest-cohort=()',
    },
    ...(production
      ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }]
      : []),
  ];
}
