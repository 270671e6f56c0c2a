import { type Outcome, refused } from '@/lib/http/outcome';
import { validateInput } from '@/lib/http/read-json';
import type { AdminAuth, AdminCall } from './auth';
import type { AdminService, InvalidationOutcome } from './service';

/** An applied invalidation or reset: how many entries it touched (when known) and its audit row. */
export type AdminChange = Extract<InvalidationOutcome, { ok: true }>;

/**
 * The input of a call, read only once the caller is known to be the admin: a route's body stream
 * (whose size and encoding errors are failures too), a Server Action's arguments as they came.
 */
export type InputSource = () => Promise<Outcome<unknown>>;

/**
 * The admin's writes, one implementation behind both doors: the /api/admin routes (handlers.ts)
 * and the dashboard's Server Actions (app/admin/actions.ts). Each checks, in this order, the
 * session (401), where the call came from and its CSRF token (403), then the input against the
 * namespaces and tag shapes the cache knows (400 naming the field), then applies it once and
 * writes one audit entry; a cache that failed is a 503 carrying what the audit log recorded.
 */
export function createAdminMutations({
  auth,
  service,
}: {
  auth: AdminAuth;
  service: AdminService;
}) {
  return {
    async invalidate(call: AdminCall, input: InputSource): Promise<Outcome<AdminChange>> {
      const admin = await auth.authenticate(call, { mutation: true, csrfToken: call.csrfToken });
      if (!admin.ok) return admin;
      const raw = await input();
      const request = raw.ok ? validateInput(service.schemas.invalidation, raw.value) : raw;
      if (!request.ok) return request;
      return applied(await service.invalidate(request.value, admin.value.actor), 'Invalidation');
    },

    async resetStats(call: AdminCall): Promise<Outcome<AdminChange>> {
      const admin = await auth.authenticate(call, { mutation: true, csrfToken: call.csrfToken });
      if (!admin.ok) return admin;
      return applied(await service.resetStats(admin.value.actor), 'Reset');
    },

    logout: (call: AdminCall) => auth.logout(call),
  };
}

export type AdminMutations = ReturnType<typeof createAdminMutations>;

function applied(outcome: InvalidationOutcome, what: string): Outcome<AdminChange> {
  if (outcome.ok) return { ok: true, value: outcome };
  return refused(503, 'cache_unavailable', `${what} failed: ${outcome.error}`);
}
