import { z } from 'zod';
import { requestClientIp } from '@/lib/http/client-ip';
import { errorResponse } from '@/lib/http/errors';
import { failureResponse, type Outcome, refused } from '@/lib/http/outcome';
import { readJson } from '@/lib/http/read-json';
import { ADMIN_SETUP_HELP, type AdminCredential, verifyAdminSecret } from './credential';
import { crossOriginFailure, csrfFailure, type CsrfFailure, type RequestHead } from './csrf';
import type { LoginRateLimiter } from './login-rate-limit';
import { sessionCookieHeader, sessionTokenFromCookies } from './session-cookie';
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

/** A mutation's caller: its request head, and the CSRF token it sent (header or form field). */
export interface AdminCall extends RequestHead {
  csrfToken: string | null;
}

const loginBody = z.object({ secret: z.string().min(1).max(1024) }).strict();

const CSRF_MESSAGES: Record<CsrfFailure, string> = {
  cross_origin: 'Request refused: it came from another site.',
  missing_token: 'Missing CSRF token (X-CSRF-Token header, or the form field csrfToken).',
  wrong_token: 'The CSRF token does not match this session.',
};

export function createAdminAuth({ sessions, credential, loginLimiter, production }: AdminAuthDeps) {
  const tokenOf = (request: RequestHead) =>
    sessionTokenFromCookies(request.headers.get('cookie'), production);

  return {
    configured: credential.kind !== 'none',
    production,

    async login(request: Request): Promise<Response> {
      // A cross-site form could otherwise log the admin's browser into a session it chose.
      if (crossOriginFailure(request)) return failureResponse(csrfRefusal('cross_origin').failure);
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

    /** Ends the caller's session; the caller clears the cookie (Set-Cookie or `cookies()`). */
    async logout(call: AdminCall): Promise<Outcome<{ ok: true }>> {
      const auth = await this.authenticate(call, { mutation: true, csrfToken: call.csrfToken });
      if (!auth.ok) return auth;
      await sessions.delete(tokenOf(call));
      return { ok: true, value: { ok: true } };
    },

    /**
     * Every admin call starts here, route or Server Action: 401 without a live session, 403 when
     * a mutation comes from another site or lacks this session's CSRF token.
     */
    async authenticate(
      request: RequestHead,
      access: { mutation: false } | { mutation: true; csrfToken: string | null },
    ): Promise<Outcome<AdminIdentity>> {
      const session = await sessions.find(tokenOf(request));
      if (!session) return refused(401, 'unauthenticated', 'Log in at /admin/login first.');
      if (access.mutation) {
        const failure = csrfFailure(request, access.csrfToken, session.csrfToken);
        if (failure) return csrfRefusal(failure);
      }
      return {
        ok: true,
        value: {
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

function csrfRefusal(failure: CsrfFailure) {
  return refused(403, `csrf_${failure}`, CSRF_MESSAGES[failure]);
}
