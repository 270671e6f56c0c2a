import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { AuditEntry } from '@/lib/admin/audit-log';
import { startLoggedInAdmin } from '../support/logged-in-admin';
import { adminRequest, deadPort, errorOf, type AdminFixture, type Session } from './fixtures';

let admin: AdminFixture;
let session: Session;
let stop: (() => Promise<void>) | undefined;

before(async () => {
  ({ admin, session, stop } = await startLoggedInAdmin(`redis://127.0.0.1:${await deadPort()}`));
});

after(() => stop?.());

/** Each call must answer, not hang on the dead Redis: well under the 15 s+ of a hang. */
async function timed(call: () => Promise<Response>): Promise<Response> {
  const started = Date.now();
  const response = await call();
  assert.ok(Date.now() - started < 3000, 'answered without hanging');
  return response;
}

test('health says plainly that Redis is down, with 200', async () => {
  const response = await timed(() =>
    admin.handlers.health(adminRequest('/api/admin/cache/health', { session })),
  );
  assert.equal(response.status, 200);
  const body = (await response.json()) as { redis: string; server: unknown; error: string };
  assert.equal(body.redis, 'down');
  assert.equal(body.server, null);
  assert.ok(body.error.length > 0, 'says why');
});

test('overview and savings still answer, reporting Redis down and this instance’s own counts', async () => {
  const overview = await timed(() =>
    admin.handlers.overview(adminRequest('/api/admin/cache/overview', { session })),
  );
  assert.equal(overview.status, 200);
  const body = (await overview.json()) as {
    redis: string;
    namespaces: { namespace: string; thisInstance: { hits: number } }[];
  };
  assert.equal(body.redis, 'down');
  assert.equal(body.namespaces.length, 5);

  const savings = await timed(() =>
    admin.handlers.savings(adminRequest('/api/admin/cache/savings', { session })),
  );
  assert.equal(savings.status, 200);
  assert.equal(((await savings.json()) as { estimatedUsd: unknown }).estimatedUsd, null);
});

test('an invalidation that cannot reach Redis answers 503 and is audited as failed', async () => {
  const response = await timed(() =>
    admin.handlers.invalidate(
      adminRequest('/api/admin/cache/invalidate', {
        body: { scope: 'namespace', namespace: 'tts' },
        session,
      }),
    ),
  );
  assert.equal(response.status, 503);
  assert.equal((await errorOf(response)).code, 'cache_unavailable');
  const audit = await timed(() =>
    admin.handlers.audit(adminRequest('/api/admin/cache/audit', { session })),
  );
  const [latest] = ((await audit.json()) as { entries: AuditEntry[] }).entries;
  assert.equal(latest?.scope, 'namespace');
  assert.match(latest?.result ?? '', /^failed: /);
});
