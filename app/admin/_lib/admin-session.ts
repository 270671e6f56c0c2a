// Server components only: a client component that imports this fails the build instead of
// shipping the database client to the browser. Kept out of modules the unit tests load, since
// outside Next's server bundles the package throws.
import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { appAdmin } from '@/lib/server/admin';
import type { AdminSessionInfo } from '@/lib/admin/sessions';

/** The admin session of this page request, checked against the database (not just the proxy). */
export async function currentAdminSession(): Promise<AdminSessionInfo | null> {
  // The request first: a build prerenders pages up to their first request read, and must not
  // reach the database before it.
  const cookie = (await headers()).get('cookie');
  await connection(); // the session check reads the clock: request time only
  return appAdmin().auth.sessionFromCookieHeader(cookie);
}

/** For every /admin page: no live session, no page, straight to the login form. */
export async function requireAdminPage(): Promise<AdminSessionInfo> {
  const session = await currentAdminSession();
  if (!session) redirect('/admin/login');
  return session;
}
