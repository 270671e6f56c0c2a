import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { appAdmin } from '@/lib/admin/app-admin';
import type { AdminSessionInfo } from '@/lib/admin/sessions';

/** The admin session of this page request, checked against the database (not just the proxy). */
export async function currentAdminSession(): Promise<AdminSessionInfo | null> {
  return appAdmin().auth.sessionFromCookieHeader((await headers()).get('cookie'));
}

/** For every /admin page: no live session, no page, straight to the login form. */
export async function requireAdminPage(): Promise<AdminSessionInfo> {
  const session = await currentAdminSession();
  if (!session) redirect('/admin/login');
  return session;
}
