import { z } from 'zod';
import { requestClientIp } from '@/lib/http/client-ip';
import { errorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-json';
import { ADMIN_SETUP_HELP, type AdminCredential, verifyAdminSecret } from './credential';
import { crossOriginFailure, csrfFailure, type CsrfFailure } from './csrf';
import type { LoginRateLimiter } from './login-rate-limit';
import {
  clearedSessionCookieHeader,
  sessionCookieHeader,
  sessionTokenFromCookies,
} from './session-cookie';
import type { AdminSessionInfo, SessionStore } from './sessions';

export interface AdminAuthDeps {
  sessions: SessionStore;
  credential: AdminCredential;
  loginLimiter: LoginRateLimiter;
  production: boolean;
}

export interface AdminIdentity {
  session: AdminSessionInfo;
  /** Who did it, for the audit log: there is one admin credential, so the session and IP tell apart. */
  actor: string;
}

export type AuthResult = { ok: true; admin: AdminIdentity } | { ok: false; response: Response };

const loginBody = z.object({ secret: z.string().min(1).max(1024) }).strict();

const CSRF_MESSAGES: Record<CsrfFailure, string> = {
  cross_origin: 'Request refused: it came from another site.',
  missing_token: 'Missing X-CSRF-Token header.',
  wrong_token: 'X-CSRF-Token does not match this session.',
};

export function createAdminAuth({ sessions, credential, loginLimiter, production }: AdminAuthDeps) {
  const tokenOf = (request: Request) =>
    sessionTokenFromCookies(request.headers.get('cookie'), production);

  return {
    configured: credential.kind !== 'none',

    async login(request: Request): Promise<Response> {
      // A cross-site form could otherwise log the admin's browser into a session it chose.
      if (crossOriginFailure(request)) return csrfResponse('cross_origin');
      if (credential.kind === 'none') {
        return errorResponse(503, 'admin_not_configured', ADMIN_SETUP_HELP);
      }
      const verdict = await loginLimiter.consume(requestClientIp(request));
      if (!verdict.allowed) {
        return errorResponse(429, 'rate_limited', 'Too many login attempts; try again later.', {
          headers: { 'Retry-After': String(verdict.retryAfterSeconds) },
        });
      }
      const body = await readJson(request, loginBody);
      if (!body.ok) return body.response;
      if (!(await verifyAdminSecret(credential, body.data.secret))) {
        return errorResponse(401, 'invalid_credentials', 'Wrong password or token.', {
          field: 'secret',
        });
      }
      // No fixation: whatever session cookie came in is ended, and a fresh token is always issued.
      await sessions.delete(tokenOf(request));
      await sessions.deleteExpired();
      const session = await sessions.create();
      return Response.json(
        { ok: true, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() },
        {
          headers: {
            'Set-Cookie': sessionCookieHeader(
              production,
              session.token,
              Math.floor(sessions.lifetimes.absoluteMs / 1000),
            ),
            'Cache-Control': 'no-store',
          },
        },
      );
    },

    async logout(request: Request): Promise<Response> {
      const auth = await this.authenticate(request, { mutation: true });
      if (!auth.ok) return auth.response;
      await sessions.delete(tokenOf(request));
      return Response.json(
        { ok: true },
        {
          headers: {
            'Set-Cookie': clearedSessionCookieHeader(production),
            'Cache-Control': 'no-store',
          },
        },
      );
    },

    /** Every admin route starts here: 401 without a live session, 403 when a mutation fails CSRF. */
    async authenticate(request: Request, { mutation }: { mutation: boolean }): Promise<AuthResult> {
      const session = await sessions.find(tokenOf(request));
      if (!session) {
        return {
          ok: false,
          response: errorResponse(401, 'unauthenticated', 'Log in at /admin/login first.'),
        };
      }
      if (mutation) {
        const failure = csrfFailure(request, session.csrfToken);
        if (failure) return { ok: false, response: csrfResponse(failure) };
      }
      return {
        ok: true,
        admin: {
          session,
          actor: `admin (session ${session.id.slice(0, 8)}, ip ${requestClientIp(request)})`,
        },
      };
    },

    /** For server-rendered pages, which see the Cookie header rather than a Request. */
    sessionFromCookieHeader(cookieHeader: string | null): Promise<AdminSessionInfo | null> {
      return sessions.find(sessionTokenFromCookies(cookieHeader, production));
    },
  };
}

export type AdminAuth = ReturnType<typeof createAdminAuth>;

function csrfResponse(failure: CsrfFailure): Response {
  return errorResponse(403, `csrf_${failure}`, CSRF_MESSAGES[failure]);
}
