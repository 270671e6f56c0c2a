import { NextResponse, type NextRequest } from 'next/server';
import { config as appConfig } from '@/lib/config';
import { databaseOutage } from '@/lib/http/database-outage';
import { unavailablePage } from '@/lib/http/unavailable-page';
import {
  LEARNER_COOKIE,
  issueLearnerCookie,
  learnerCookieOptions,
  learnerIdFromCookie,
} from '@/lib/learner/cookie';
import { contentSecurityPolicy, newNonce } from '@/lib/security/content-security-policy';

/**
 * Runs before every page render:
 * - gives every visitor a learner id on their first page view, so progress can be saved with no
 *   sign-up. The new cookie is set on the response (for the browser) and on the forwarded
 *   request, so the page rendering this very request already knows its learner;
 * - sets the page's Content-Security-Policy with a fresh script nonce, on the response (for the
 *   browser) and on the forwarded request, where Next.js reads the nonce and puts it on every
 *   script tag it renders.
 */
export function proxy(request: NextRequest): NextResponse {
  // A page that fails mid-render can only be a 500; once an outage is known, say 503 up front.
  if (databaseOutage().down) {
    const page = unavailablePage();
    return new NextResponse(page.body, page.init);
  }
  const settings = appConfig();
  const csp = contentSecurityPolicy(newNonce(), {
    development: settings.NODE_ENV === 'development',
  });
  const known = learnerIdFromCookie(request.cookies.get(LEARNER_COOKIE)?.value) !== null;
  const issued = known ? undefined : issueLearnerCookie();
  if (issued) request.cookies.set(LEARNER_COOKIE, issued.value);
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  if (issued) {
    response.cookies.set(
      LEARNER_COOKIE,
      issued.value,
      learnerCookieOptions(settings.NODE_ENV === 'production'),
    );
  }
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  matcher: [
    // Pages only: API routes answer 401 without a cookie instead of silently minting a new
    // learner, and static files, optimised images, fonts and media never need one.
    '/((?!api/|_next/static/|_next/image|favicon\\.ico|.*\\.(?:png|jpe?g|gif|svg|webp|avif|ico|woff2?|ttf|otf|css|js|map|txt|xml|json|webmanifest|wav|mp3|ogg)$).*)',
  ],
};
