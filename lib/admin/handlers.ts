import { errorResponse } from '@/lib/http/errors';
import { failureResponse, outcomeResponse } from '@/lib/http/outcome';
import { readJsonValue } from '@/lib/http/read-json';
import type { AdminAuth, AdminCall } from './auth';
import { CSRF_HEADER } from './csrf';
import type { AdminMutations } from './mutations';
import type { AdminService } from './service';
import { clearedSessionCookieHeader } from './session-cookie';

type Handler = (request: Request) => Promise<Response>;

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * The admin API as plain `Request → Response` functions (the writes are `mutations`, shared with
 * the dashboard's Server Actions): the Next.js route files wrap them in
 * `withErrorResponses` like every other API (an unexpected error is the shared JSON 500, a
 * database outage a 503 with Retry-After), and tests call them with their own cache and database.
 */
export function createAdminHandlers({
  auth,
  service,
  mutations,
}: {
  auth: AdminAuth;
  service: AdminService;
  mutations: AdminMutations;
}) {
  const { schemas } = service;

  const read =
    (work: Handler): Handler =>
    async (request) => {
      const result = await auth.authenticate(request, { mutation: false });
      return result.ok ? work(request) : failureResponse(result.failure);
    };

  return {
    login: (request: Request) => auth.login(request),
    logout: async (request: Request) => {
      const outcome = await mutations.logout(callOf(request));
      if (!outcome.ok) return failureResponse(outcome.failure);
      return Response.json(outcome.value, {
        headers: { ...NO_STORE, 'Set-Cookie': clearedSessionCookieHeader(auth.production) },
      });
    },

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

    invalidate: async (request: Request) =>
      outcomeResponse(
        await mutations.invalidate(callOf(request), () => readJsonValue(request)),
        NO_STORE,
      ),

    resetStats: async (request: Request) =>
      outcomeResponse(await mutations.resetStats(callOf(request)), NO_STORE),
  };
}

export type AdminHandlers = ReturnType<typeof createAdminHandlers>;

/** An API client sends the session's CSRF token in a header. */
function callOf(request: Request): AdminCall {
  return {
    headers: request.headers,
    url: request.url,
    csrfToken: request.headers.get(CSRF_HEADER),
  };
}

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
