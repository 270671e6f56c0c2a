import { errorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-json';
import type { AdminAuth, AdminIdentity } from './auth';
import type { AdminService } from './service';

type Handler = (request: Request) => Promise<Response>;

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * The admin API as plain `Request → Response` functions: the Next.js route files wrap them in
 * `withErrorResponses` like every other API (an unexpected error is the shared JSON 500, a
 * database outage a 503 with Retry-After), and tests call them with their own cache and database.
 */
export function createAdminHandlers({ auth, service }: { auth: AdminAuth; service: AdminService }) {
  const { schemas } = service;

  const read =
    (work: Handler): Handler =>
    async (request) => {
      const result = await auth.authenticate(request, { mutation: false });
      return result.ok ? work(request) : result.response;
    };

  const mutate =
    (work: (request: Request, admin: AdminIdentity) => Promise<Response>): Handler =>
    async (request) => {
      const result = await auth.authenticate(request, { mutation: true });
      return result.ok ? work(request, result.admin) : result.response;
    };

  return {
    login: (request: Request) => auth.login(request),
    logout: (request: Request) => auth.logout(request),

    overview: read(async () => json(await service.overview())),
    health: read(async () => json(await service.health())),
    savings: read(async () => json(await service.savings())),

    audit: read(async (request) => {
      const query = schemas.auditQuery.safeParse(searchParams(request));
      if (!query.success) return invalidField(query.error.issues[0]);
      return json({ entries: await service.auditLog(query.data.limit) });
    }),

    lookupKey: read(async (request) => {
      const query = schemas.keyLookup.safeParse(searchParams(request));
      if (!query.success) return invalidField(query.error.issues[0]);
      const { namespace, key } = query.data;
      return json({ namespace, key, entry: await service.lookup(namespace, key) });
    }),

    invalidate: mutate(async (request, admin) => {
      const body = await readJson(request, schemas.invalidation);
      if (!body.ok) return body.response;
      const outcome = await service.invalidate(body.data, admin.actor);
      return outcome.ok
        ? json(outcome)
        : errorResponse(503, 'cache_unavailable', `Invalidation failed: ${outcome.error}`, {
            headers: NO_STORE,
          });
    }),

    resetStats: mutate(async (_request, admin) => {
      const outcome = await service.resetStats(admin.actor);
      return outcome.ok
        ? json(outcome)
        : errorResponse(503, 'cache_unavailable', `Reset failed: ${outcome.error}`, {
            headers: NO_STORE,
          });
    }),
  };
}

export type AdminHandlers = ReturnType<typeof createAdminHandlers>;

function json(body: unknown): Response {
  return Response.json(body, { headers: NO_STORE });
}

function searchParams(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

function invalidField(issue: { path: PropertyKey[]; message: string } | undefined): Response {
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'query';
  return errorResponse(400, 'invalid_field', `${field}: ${issue?.message ?? 'invalid value'}`, {
    field,
  });
}
