'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { AdminChange } from '@/lib/admin/mutations';
import { adminCookieName, sessionCookieOptions } from '@/lib/admin/session-cookie';
import type { Outcome } from '@/lib/http/outcome';
import { serverAction } from '@/lib/http/server-action';
import { appAdmin } from '@/lib/server/admin';

// The dashboard's writes. Each is a thin door onto lib/admin/mutations.ts, the implementation
// the /api/admin routes share: the session, the CSRF token (a form field here, a header there),
// the known namespaces and tag shapes, the audit entry. Anything may POST here, UI or not.

/** Invalidate a namespace, a tag or one key, as `POST /api/admin/cache/invalidate` would. */
export async function invalidateCache(
  csrfToken: string,
  request: unknown,
): Promise<Outcome<AdminChange>> {
  return serverAction(async (head) =>
    appAdmin().mutations.invalidate({ ...head, csrfToken: asToken(csrfToken) }, async () => ({
      ok: true,
      value: request,
    })),
  );
}

/** Start the hit rates, charts and savings from zero, as `POST /api/admin/cache/stats/reset`. */
export async function resetStatistics(csrfToken: string): Promise<Outcome<AdminChange>> {
  return serverAction(async (head) =>
    appAdmin().mutations.resetStats({ ...head, csrfToken: asToken(csrfToken) }),
  );
}

/**
 * A plain form's action, so logging out works before (or without) the page's JavaScript. The
 * session ends and the cookie goes; refused (a session already gone, another site) it still
 * leads to the login form, which is where an admin without a session belongs.
 */
export async function logOut(form: FormData): Promise<void> {
  const outcome = await serverAction(async (head) =>
    appAdmin().mutations.logout({ ...head, csrfToken: asToken(form.get('csrfToken')) }),
  );
  if (outcome.ok) {
    const { production } = appAdmin().auth;
    (await cookies()).set(adminCookieName(production), '', sessionCookieOptions(production, 0));
  }
  redirect('/admin/login');
}

/** Arguments arrive as whatever the caller sent: only a string can be a token. */
function asToken(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
