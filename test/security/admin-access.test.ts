import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { learnerCookieOptions } from '@/lib/learner/cookie';
import {
  adminFixture,
  adminRequest,
  cookieFrom,
  logIn,
  ORIGIN,
  type Session,
} from '../admin/fixtures';
import { apiError, startAppEnvironment, type AppEnvironment } from '../input/app-environment';

// The admin API through the app's own route modules: no session, no data; a mutation that fails
// the CSRF checks changes nothing; logging in never adopts a session the client brought along.

const app: AppEnvironment = await startAppEnvironment('admin-sec');
const routes = {
  login: await import('@/app/api/admin/login/route'),
  logout: await import('@/app/api/admin/logout/route'),
  overview: await import('@/app/api/admin/cache/overview/route'),
  health: await import('@/app/api/admin/cache/health/route'),
  savings: await import('@/app/api/admin/cache/savings/route'),
  audit: await import('@/app/api/admin/cache/audit/route'),
  keys: await import('@/app/api/admin/cache/keys/route'),
  invalidate: await import('@/app/api/admin/cache/invalidate/route'),
  resetStats: await import('@/app/api/admin/cache/stats/reset/route'),
};

after(async () => {
  await app.close();
});

// Every top-level await comes before the first test: node:test runs the root's after() once the
// tests registered so far are done, so an await between describes let it drop the database early.
const session: Session = await logIn(app.admin);

const READS = [
  ['overview', routes.overview.GET, '/api/admin/cache/overview'],
  ['health', routes.health.GET, '/api/admin/cache/health'],
  ['savings', routes.savings.GET, '/api/admin/cache/savings'],
  ['audit', routes.audit.GET, '/api/admin/cache/audit'],
  ['keys', routes.keys.GET, '/api/admin/cache/keys?namespace=tts&key=a'],
] as const;

const MUTATIONS = [
  ['invalidate', routes.invalidate.POST, '/api/admin/cache/invalidate'],
  ['stats reset', routes.resetStats.POST, '/api/admin/cache/stats/reset'],
  ['logout', routes.logout.POST, '/api/admin/logout'],
] as const;

const NAMESPACE_INVALIDATION = { scope: 'namespace', namespace: 'tts' };

describe('without a session', () => {
  for (const [name, handler, path] of [...READS, ...MUTATIONS]) {
    it(`${name} answers 401 JSON, with no cookie and with a made-up one`, async () => {
      const body = path.includes('invalidate') ? NAMESPACE_INVALIDATION : undefined;
      for (const cookie of [undefined, 'ts_admin=made-up-token', 'ts_admin=*']) {
        const response = await handler(
          adminRequest(path, { body, session: { cookie }, method: body ? 'POST' : undefined }),
        );
        assert.equal(response.status, 401);
        assert.equal((await apiError(response)).code, 'unauthenticated');
      }
    });
  }
});

describe('CSRF', () => {
  const attempts: [string, Record<string, string>, string | null, string][] = [
    ['no token', { origin: ORIGIN }, null, 'csrf_missing_token'],
    ['a wrong token', { origin: ORIGIN }, 'not-the-token', 'csrf_wrong_token'],
    ['another site’s Origin', { origin: 'https://evil.example' }, undefined!, 'csrf_cross_origin'],
    [
      'Sec-Fetch-Site: cross-site',
      { 'sec-fetch-site': 'cross-site' },
      undefined!,
      'csrf_cross_origin',
    ],
    ['a null Origin (sandboxed frame)', { origin: 'null' }, undefined!, 'csrf_cross_origin'],
  ];
  for (const [name, headers, csrfToken, code] of attempts) {
    it(`${name}: every mutation is a 403 and changes nothing`, async () => {
      const before = await app.footprint();
      for (const [, handler, path] of MUTATIONS) {
        const body = path.includes('invalidate') ? NAMESPACE_INVALIDATION : {};
        const response = await handler(adminRequest(path, { body, session, headers, csrfToken }));
        assert.equal(response.status, 403, path);
        assert.equal((await apiError(response)).code, code);
      }
      assert.deepEqual(await app.footprint(), before);
      // The session survived the forged logout.
      assert.equal((await routes.overview.GET(adminRequest(READS[0][2], { session }))).status, 200);
    });
  }

  it('a login posted from another site is refused before the password is even checked', async () => {
    const response = await routes.login.POST(
      adminRequest('/api/admin/login', {
        body: { secret: 'whatever' },
        headers: { origin: 'https://evil.example' },
      }),
    );
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('set-cookie'), null);
  });

  it('with the session’s token and a same-origin request, the mutation goes through', async () => {
    const response = await routes.invalidate.POST(
      adminRequest('/api/admin/cache/invalidate', {
        body: NAMESPACE_INVALIDATION,
        session,
        headers: { origin: ORIGIN },
      }),
    );
    assert.equal(response.status, 200);
  });
});

describe('sessions', () => {
  it('login never adopts a session id the client brought (no fixation)', async () => {
    const planted = 'ts_admin=attacker-chosen-session-token';
    const response = await routes.login.POST(
      adminRequest('/api/admin/login', {
        body: { secret: 'test-admin-token-0123456789-abcdefghij' },
        headers: { cookie: planted },
      }),
    );
    assert.equal(response.status, 200);
    const issued = cookieFrom(response);
    assert.notEqual(issued, planted);
    assert.match(issued, /^ts_admin=[A-Za-z0-9_-]{40,}$/);
    const withPlanted = await routes.overview.GET(
      adminRequest(READS[0][2], { session: { cookie: planted } }),
    );
    assert.equal(withPlanted.status, 401);
  });

  it('logging in again ends the session the browser held before', async () => {
    const first = await logIn(app.admin);
    const second = await routes.login.POST(
      adminRequest('/api/admin/login', {
        body: { secret: 'test-admin-token-0123456789-abcdefghij' },
        headers: { cookie: first.cookie },
      }),
    );
    assert.equal(second.status, 200);
    assert.notEqual(cookieFrom(second), first.cookie);
    const old = await routes.overview.GET(adminRequest(READS[0][2], { session: first }));
    assert.equal(old.status, 401);
  });

  it('logout ends the session everywhere', async () => {
    const session = await logIn(app.admin);
    const out = await routes.logout.POST(
      adminRequest('/api/admin/logout', { body: {}, session, headers: { origin: ORIGIN } }),
    );
    assert.equal(out.status, 200);
    assert.match(out.headers.get('set-cookie') ?? '', /Max-Age=0/);
    assert.equal((await routes.overview.GET(adminRequest(READS[0][2], { session }))).status, 401);
  });
});

describe('cookie attributes', () => {
  it('admin: HttpOnly and SameSite=Strict; in production also Secure with the __Host- prefix', async () => {
    const development = await routes.login.POST(
      adminRequest('/api/admin/login', {
        body: { secret: 'test-admin-token-0123456789-abcdefghij' },
      }),
    );
    const devCookie = development.headers.get('set-cookie') ?? '';
    assert.match(devCookie, /; HttpOnly/);
    assert.match(devCookie, /; SameSite=Strict/);
    assert.doesNotMatch(devCookie, /Secure/);

    const production = adminFixture({ database: app.database, production: true });
    try {
      const response = await production.handlers.login(
        adminRequest('/api/admin/login', {
          body: { secret: 'test-admin-token-0123456789-abcdefghij' },
        }),
      );
      const cookie = response.headers.get('set-cookie') ?? '';
      assert.match(cookie, /^__Host-ts_admin=/);
      assert.match(cookie, /; Path=\//);
      assert.match(cookie, /; HttpOnly/);
      assert.match(cookie, /; SameSite=Strict/);
      assert.match(cookie, /; Secure/);
      assert.doesNotMatch(cookie, /Domain=/);
    } finally {
      await production.close();
    }
  });

  it('learner: HttpOnly and SameSite=Lax always, Secure in production', () => {
    assert.deepEqual(
      { ...learnerCookieOptions(true), maxAge: undefined },
      { httpOnly: true, sameSite: 'lax', secure: true, path: '/', maxAge: undefined },
    );
    assert.equal(learnerCookieOptions(false).secure, false);
  });
});
