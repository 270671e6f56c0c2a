import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertAdminConfigured, adminCredentialFromConfig } from '@/lib/admin/credential';
import { hashAdminPassword } from '@/lib/admin/password-hash';
import { randomBytes, scryptSync } from 'node:crypto';
import { ConfigError } from '@/lib/config';
import { createTestDatabase, type TestDatabase } from '../support/database';
import {
  ADMIN_TOKEN,
  adminFixture,
  adminRequest,
  cookieFrom,
  deadPort,
  errorOf,
  logIn,
  type AdminFixture,
} from './fixtures';

let database: TestDatabase;
const fixtures: AdminFixture[] = [];

function fixture(options: Omit<Parameters<typeof adminFixture>[0], 'database'> = {}) {
  const created = adminFixture({ database, ...options });
  fixtures.push(created);
  return created;
}

before(async () => {
  database = await createTestDatabase();
});

after(async () => {
  for (const created of fixtures) await created.close();
  await database?.drop();
});

const overview = (admin: AdminFixture, cookie?: string) =>
  admin.handlers.overview(adminRequest('/api/admin/cache/overview', { session: { cookie } }));

describe('login', () => {
  test('the right token opens a session in a strict, httpOnly cookie; a wrong one gets 401', async () => {
    const admin = fixture();
    const wrong = await admin.handlers.login(
      adminRequest('/api/admin/login', { body: { secret: 'not-the-token' } }),
    );
    assert.equal(wrong.status, 401);
    assert.equal((await errorOf(wrong)).code, 'invalid_credentials');
    assert.equal(wrong.headers.get('set-cookie'), null);

    const right = await admin.handlers.login(
      adminRequest('/api/admin/login', { body: { secret: ADMIN_TOKEN } }),
    );
    assert.equal(right.status, 200);
    const setCookie = right.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /^ts_admin=[\w-]{43}; /);
    assert.match(setCookie, /; HttpOnly/);
    assert.match(setCookie, /; SameSite=Strict/);
    assert.match(setCookie, /; Path=\//);
    assert.match(setCookie, /; Max-Age=86400/);
    assert.doesNotMatch(setCookie, /Secure/);
    assert.equal((await overview(admin, cookieFrom(right))).status, 200);
  });

  test('in production the cookie is Secure and __Host- prefixed', async () => {
    const admin = fixture({ production: true });
    const response = await admin.handlers.login(
      adminRequest('/api/admin/login', { body: { secret: ADMIN_TOKEN } }),
    );
    const setCookie = response.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /^__Host-ts_admin=/);
    assert.match(setCookie, /; Secure/);
  });

  test('a password hash from admin:hash logs in with that password only', async () => {
    const hash = await hashAdminPassword('a long enough password');
    const credential = adminCredentialFromConfig({
      ADMIN_PASSWORD_HASH: hash,
      ADMIN_TOKEN: undefined,
    });
    const admin = fixture({ credential });
    await logIn(admin, 'a long enough password');
    const wrong = await admin.handlers.login(
      adminRequest('/api/admin/login', { body: { secret: 'a long enough passworD' } }),
    );
    assert.equal(wrong.status, 401);
  });

  test("new hashes cost OWASP's scrypt minimum; a hash made at the old cost still logs in", async () => {
    assert.match(await hashAdminPassword('x'.repeat(12)), /^scrypt:17:8:1:/);
    // Made by the previous `admin:hash` (N = 2^15) for 'a long enough password'.
    const salt = randomBytes(16);
    const old = scryptSync('a long enough password', salt, 32, {
      N: 2 ** 15,
      r: 8,
      p: 1,
      maxmem: 64 << 20,
    });
    const stored = ['scrypt', 15, 8, 1, salt.toString('base64url'), old.toString('base64url')].join(
      ':',
    );
    const credential = adminCredentialFromConfig({
      ADMIN_PASSWORD_HASH: stored,
      ADMIN_TOKEN: undefined,
    });
    await logIn(fixture({ credential }), 'a long enough password');
  });

  test('a login posted from another site is refused', async () => {
    const admin = fixture();
    const response = await admin.handlers.login(
      adminRequest('/api/admin/login', {
        body: { secret: ADMIN_TOKEN },
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      }),
    );
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('set-cookie'), null);
  });

  test('without any configured credential, login explains how to set one', async () => {
    const admin = fixture({ credential: { kind: 'none' } });
    const response = await admin.handlers.login(
      adminRequest('/api/admin/login', { body: { secret: 'admin' } }),
    );
    assert.equal(response.status, 503);
    const error = await errorOf(response);
    assert.match(error.message, /ADMIN_TOKEN/);
    assert.match(error.message, /npm run admin:hash/);
  });
});

describe('sessions', () => {
  test('no fixation: a cookie planted before login is not the session after it', async () => {
    const admin = fixture();
    const planted = 'ts_admin=attacker-chosen-value-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    const session = await logIn(admin, ADMIN_TOKEN, { cookie: planted });
    assert.notEqual(session.cookie, planted);
    assert.equal((await overview(admin, planted)).status, 401);
    assert.equal((await overview(admin, session.cookie)).status, 200);
  });

  test('logging in again ends the session the browser already had', async () => {
    const admin = fixture();
    const first = await logIn(admin);
    const second = await logIn(admin, ADMIN_TOKEN, { cookie: first.cookie });
    assert.notEqual(second.cookie, first.cookie);
    assert.equal((await overview(admin, first.cookie)).status, 401);
    assert.equal((await overview(admin, second.cookie)).status, 200);
  });

  test('logout ends the session server-side and clears the cookie', async () => {
    const admin = fixture();
    const session = await logIn(admin);
    const withoutToken = await admin.handlers.logout(
      adminRequest('/api/admin/logout', { body: {}, session, csrfToken: null }),
    );
    assert.equal(withoutToken.status, 403);
    assert.equal((await overview(admin, session.cookie)).status, 200);

    const response = await admin.handlers.logout(
      adminRequest('/api/admin/logout', { body: {}, session }),
    );
    assert.equal(response.status, 200);
    assert.match(response.headers.get('set-cookie') ?? '', /^ts_admin=; .*Max-Age=0/);
    // The old cookie replayed after logout is worthless.
    assert.equal((await overview(admin, session.cookie)).status, 401);
  });

  test('a session idle for longer than the idle limit is over', async () => {
    let now = new Date('2025-01-01T08:00:00Z');
    const admin = fixture({
      lifetimes: { idleMs: 3600_000, absoluteMs: 86_400_000 },
      now: () => now,
    });
    const session = await logIn(admin);
    now = new Date('2025-01-01T08:59:00Z');
    assert.equal((await overview(admin, session.cookie)).status, 200);
    now = new Date('2025-01-01T10:00:01Z');
    assert.equal((await overview(admin, session.cookie)).status, 401);
  });
});

describe('login rate limit', () => {
  test('too many attempts from one IP get 429 with Retry-After; another IP is unaffected', async () => {
    const admin = fixture({ loginAttempts: 3 });
    const attempt = (ip: string) =>
      admin.handlers.login(
        adminRequest('/api/admin/login', {
          body: { secret: 'guess' },
          headers: { 'x-forwarded-for': ip },
        }),
      );
    for (let index = 0; index < 3; index += 1)
      assert.equal((await attempt('203.0.113.7')).status, 401);
    const limited = await attempt('203.0.113.7');
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1, 'Retry-After in seconds');
    assert.equal((await errorOf(limited)).code, 'rate_limited');
    assert.equal((await attempt('203.0.113.8')).status, 401);
  });

  test('with Redis down the limit still holds (in-memory insurance) and answers quickly', async () => {
    const admin = fixture({ loginAttempts: 2, redisUrl: `redis://127.0.0.1:${await deadPort()}` });
    const started = Date.now();
    const statuses: number[] = [];
    for (let index = 0; index < 3; index += 1) {
      const response = await admin.handlers.login(
        adminRequest('/api/admin/login', { body: { secret: 'guess' } }),
      );
      statuses.push(response.status);
    }
    assert.deepEqual(statuses, [401, 401, 429]);
    assert.ok(Date.now() - started < 3000, 'does not hang on the dead Redis');
  });
});

describe('start-up check', () => {
  test('production refuses to start without an admin credential; development may', () => {
    const none = { ADMIN_TOKEN: undefined, ADMIN_PASSWORD_HASH: undefined };
    assert.throws(
      () => assertAdminConfigured({ ...none, NODE_ENV: 'production' }),
      (error: unknown) =>
        error instanceof ConfigError && /ADMIN_TOKEN or ADMIN_PASSWORD_HASH/.test(error.message),
    );
    assert.doesNotThrow(() => assertAdminConfigured({ ...none, NODE_ENV: 'development' }));
    assert.doesNotThrow(() =>
      assertAdminConfigured({ ...none, ADMIN_TOKEN: ADMIN_TOKEN, NODE_ENV: 'production' }),
    );
  });

  test('a malformed ADMIN_PASSWORD_HASH is a configuration error, not a silent lockout', () => {
    assert.throws(
      () =>
        assertAdminConfigured({
          ADMIN_PASSWORD_HASH: 'hunter2',
          ADMIN_TOKEN: undefined,
          NODE_ENV: 'development',
        }),
      ConfigError,
    );
  });
});
