import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AuditEntry } from '@/lib/admin/audit-log';
import type { AdminCall } from '@/lib/admin/auth';
import type { Outcome } from '@/lib/http/outcome';
import { startLoggedInAdmin } from '../support/logged-in-admin';
import {
  adminRequest,
  errorOf,
  logIn,
  urlSchema,
  type AdminFixture,
  type Session,
} from './fixtures';

/**
 * lib/admin/mutations.ts through the door the dashboard's Server Actions use (app/admin/actions.ts):
 * the request head from `headers()`, which has no URL, and the CSRF token as an argument. The
 * checks, the validation and the audit entry are the routes' own, so the answers must match.
 */

let admin: AdminFixture;
let session: Session;
let stop: (() => Promise<void>) | undefined;

before(async () => {
  ({ admin, session, stop } = await startLoggedInAdmin());
});

after(() => stop?.());

/** What `headers()` gives an action the browser sent from the dashboard. */
function actionCall(
  options: { cookie?: string; csrfToken?: string | null; headers?: Record<string, string> } = {},
): AdminCall {
  const cookie = options.cookie ?? session.cookie;
  return {
    headers: new Headers({
      host: 'admin.test',
      origin: 'http://admin.test',
      'sec-fetch-site': 'same-origin',
      'next-action': '7f00aa',
      ...(cookie && { cookie }),
      ...options.headers,
    }),
    csrfToken: options.csrfToken === undefined ? session.csrfToken : options.csrfToken,
  };
}

const given = (value: unknown) => async (): Promise<Outcome<unknown>> => ({ ok: true, value });

async function auditEntries(): Promise<AuditEntry[]> {
  const response = await admin.handlers.audit(adminRequest('/api/admin/cache/audit', { session }));
  return ((await response.json()) as { entries: AuditEntry[] }).entries;
}

async function play(key: string) {
  const result = await admin.cache.getOrSet({
    namespace: 'tts',
    key,
    schema: urlSchema,
    loader: async () => ({ url: `/audio/${key}.wav` }),
  });
  return result.status;
}

function failureOf<T>(outcome: Outcome<T>) {
  if (outcome.ok) assert.fail('expected a refusal');
  return outcome.failure;
}

describe('the dashboard actions refuse what the routes refuse, and change nothing', () => {
  const body = { scope: 'key', namespace: 'tts', key: 'refused' };
  const refusals: { name: string; call: () => AdminCall; status: number; code: string }[] = [
    {
      name: 'no session',
      call: () => actionCall({ cookie: '' }),
      status: 401,
      code: 'unauthenticated',
    },
    {
      name: 'a session that ended',
      call: () => actionCall({ cookie: 'ts_admin=not-a-live-session' }),
      status: 401,
      code: 'unauthenticated',
    },
    {
      name: 'no CSRF token',
      call: () => actionCall({ csrfToken: null }),
      status: 403,
      code: 'csrf_missing_token',
    },
    {
      name: "another session's token",
      call: () => actionCall({ csrfToken: `${session.csrfToken}x` }),
      status: 403,
      code: 'csrf_wrong_token',
    },
    {
      name: 'an Origin naming another site',
      call: () => actionCall({ headers: { origin: 'https://evil.example' } }),
      status: 403,
      code: 'csrf_cross_origin',
    },
    {
      name: 'Sec-Fetch-Site: cross-site',
      call: () => actionCall({ headers: { 'sec-fetch-site': 'cross-site' } }),
      status: 403,
      code: 'csrf_cross_origin',
    },
  ];

  for (const { name, call, status, code } of refusals) {
    test(`${name}: ${status} ${code}, the key still cached, nothing audited`, async () => {
      await play('refused');
      assert.equal(await play('refused'), 'hit');
      const before = (await auditEntries()).length;
      const invalidated = await admin.mutations.invalidate(call(), given(body));
      assert.deepEqual(
        { status: failureOf(invalidated).status, code: failureOf(invalidated).code },
        { status, code },
      );
      const reset = await admin.mutations.resetStats(call());
      assert.equal(failureOf(reset).code, code);
      assert.equal(await play('refused'), 'hit', 'the entry was not touched');
      assert.equal((await auditEntries()).length, before);
    });
  }
});

describe('only known namespaces, tag shapes and keys: the same 400 as the route', () => {
  const bad: { body: unknown; field: string }[] = [
    { body: { scope: 'namespace', namespace: 'sessions' }, field: 'namespace' },
    { body: { scope: 'tag', namespace: 'tts', tag: 'lesson:*' }, field: 'tag' },
    { body: { scope: 'key', namespace: 'tts', key: 'tts:*' }, field: 'key' },
    { body: { scope: 'namespace', namespace: 'tts', pattern: '*' }, field: 'pattern' },
    { body: 'tts', field: 'body' },
  ];
  for (const { body, field } of bad) {
    test(`${JSON.stringify(body)} → 400 naming ${field}`, async () => {
      const before = (await auditEntries()).length;
      const action = failureOf(await admin.mutations.invalidate(actionCall(), given(body)));
      const route = await admin.handlers.invalidate(
        adminRequest('/api/admin/cache/invalidate', { body, session }),
      );
      assert.equal(route.status, 400);
      assert.deepEqual(await errorOf(route), {
        code: action.code,
        field: action.field,
        message: action.message,
      });
      assert.equal(action.field, field);
      assert.equal((await auditEntries()).length, before, 'nothing was done, nothing audited');
    });
  }
});

describe('applied once, audited once, answered as the route answers', () => {
  test('a key deleted through the action is a miss next time, with one audit entry', async () => {
    await play('nihao');
    assert.equal(await play('nihao'), 'hit');
    const before = (await auditEntries()).length;

    const outcome = await admin.mutations.invalidate(
      actionCall(),
      given({ scope: 'key', namespace: 'tts', key: 'nihao' }),
    );
    assert.ok(outcome.ok);
    assert.equal(outcome.value.affected, 1, 'it says what it touched');
    assert.equal(await play('nihao'), 'miss');

    const entries = await auditEntries();
    assert.equal(entries.length, before + 1);
    assert.equal(entries[0]?.id, outcome.value.audit.id, 'the answer carries its audit entry');
    assert.equal(entries[0]?.target, 'nihao');
    assert.match(entries[0]?.actor ?? '', /^admin \(session /);

    // The route's body is the same shape: a programmatic client and the dashboard see one result.
    const route = await admin.handlers.invalidate(
      adminRequest('/api/admin/cache/invalidate', {
        body: { scope: 'key', namespace: 'tts', key: 'nihao' },
        session,
      }),
    );
    const routeBody = (await route.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(routeBody).sort(), Object.keys(outcome.value).sort());
  });

  test('resetting the statistics through the action is audited as stats_reset', async () => {
    const outcome = await admin.mutations.resetStats(actionCall());
    assert.ok(outcome.ok);
    assert.equal((await auditEntries())[0]?.scope, 'stats_reset');
  });

  test('logging out through the action ends the session for the routes too', async () => {
    const own = await logIn(admin);
    const call = actionCall({ cookie: own.cookie, csrfToken: own.csrfToken });
    assert.ok((await admin.mutations.logout(call)).ok);
    assert.equal(failureOf(await admin.mutations.resetStats(call)).code, 'unauthenticated');
    const route = await admin.handlers.overview(
      adminRequest('/api/admin/cache/overview', { session: own }),
    );
    assert.equal(route.status, 401);
  });
});
