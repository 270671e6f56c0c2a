import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AuditEntry } from '@/lib/admin/audit-log';
import type { AdminHandlers } from '@/lib/admin/handlers';
import type { TestDatabase } from '../support/database';
import { startLoggedInAdmin } from '../support/logged-in-admin';
import { startRedisServer, type RedisServer } from '../support/redis-server';
import {
  adminFixture,
  adminRequest,
  errorOf,
  logIn,
  urlSchema,
  type AdminFixture,
  type Session,
} from './fixtures';

let database: TestDatabase;
let admin: AdminFixture;
let session: Session;
let stop: (() => Promise<void>) | undefined;

before(async () => {
  ({ database, admin, session, stop } = await startLoggedInAdmin());
});

after(() => stop?.());

type HandlerName = keyof AdminHandlers;

const reads: { name: HandlerName; path: string }[] = [
  { name: 'overview', path: '/api/admin/cache/overview' },
  { name: 'health', path: '/api/admin/cache/health' },
  { name: 'savings', path: '/api/admin/cache/savings' },
  { name: 'audit', path: '/api/admin/cache/audit' },
  { name: 'lookupKey', path: '/api/admin/cache/keys?namespace=tts&key=abc123' },
];

const mutations: { name: HandlerName; path: string; body: unknown }[] = [
  {
    name: 'invalidate',
    path: '/api/admin/cache/invalidate',
    body: { scope: 'key', namespace: 'tts', key: 'k1' },
  },
  {
    name: 'invalidate',
    path: '/api/admin/cache/invalidate',
    body: { scope: 'namespace', namespace: 'config' },
  },
  {
    name: 'invalidate',
    path: '/api/admin/cache/invalidate',
    body: { scope: 'tag', namespace: 'ai', tag: 'lesson:3' },
  },
  { name: 'resetStats', path: '/api/admin/cache/stats/reset', body: {} },
];

/** A TTS-like read through the cache, as a learner's play button does it. */
async function play(key: string) {
  const result = await admin.cache.getOrSet({
    namespace: 'tts',
    key,
    schema: urlSchema,
    tags: ['lesson:1'],
    loader: async () => ({ url: `/audio/${key}.wav` }),
  });
  return result.status;
}

async function auditEntries(): Promise<AuditEntry[]> {
  const response = await admin.handlers.audit(adminRequest('/api/admin/cache/audit', { session }));
  return ((await response.json()) as { entries: AuditEntry[] }).entries;
}

async function invalidate(body: unknown) {
  return admin.handlers.invalidate(adminRequest('/api/admin/cache/invalidate', { body, session }));
}

describe('every admin API needs a session', () => {
  for (const { name, path } of reads) {
    test(`GET ${path}: 401 JSON without a session, 200 JSON with one`, async () => {
      const anonymous = await admin.handlers[name](adminRequest(path));
      assert.equal(anonymous.status, 401);
      assert.equal((await errorOf(anonymous)).code, 'unauthenticated');
      const authorised = await admin.handlers[name](adminRequest(path, { session }));
      assert.equal(authorised.status, 200);
      assert.match(authorised.headers.get('content-type') ?? '', /application\/json/);
      assert.equal(authorised.headers.get('cache-control'), 'no-store');
    });
  }

  for (const { name, path, body } of mutations) {
    test(`POST ${path} ${JSON.stringify(body)}: 401, 403 without or with a wrong CSRF token, 403 cross-site, then 200`, async () => {
      const anonymous = await admin.handlers[name](adminRequest(path, { body }));
      assert.equal(anonymous.status, 401);

      const missing = await admin.handlers[name](
        adminRequest(path, { body, session, csrfToken: null }),
      );
      assert.equal(missing.status, 403);
      assert.equal((await errorOf(missing)).code, 'csrf_missing_token');

      const wrong = await admin.handlers[name](
        adminRequest(path, { body, session, csrfToken: `${session.csrfToken}x` }),
      );
      assert.equal(wrong.status, 403);
      assert.equal((await errorOf(wrong)).code, 'csrf_wrong_token');

      const crossSite = await admin.handlers[name](
        adminRequest(path, { body, session, headers: { origin: 'https://evil.example' } }),
      );
      assert.equal(crossSite.status, 403);
      assert.equal((await errorOf(crossSite)).code, 'csrf_cross_origin');

      const sameSite = await admin.handlers[name](
        adminRequest(path, {
          body,
          session,
          headers: { origin: 'http://admin.test', 'sec-fetch-site': 'same-origin' },
        }),
      );
      assert.equal(sameSite.status, 200);
    });
  }

  test("another session's CSRF token does not work", async () => {
    const other = await logIn(admin);
    const response = await invalidate({ scope: 'key', namespace: 'tts', key: 'k1' });
    assert.equal(response.status, 200);
    const crossed = await admin.handlers.invalidate(
      adminRequest('/api/admin/cache/invalidate', {
        body: { scope: 'key', namespace: 'tts', key: 'k1' },
        session: { cookie: session.cookie, csrfToken: other.csrfToken },
      }),
    );
    assert.equal(crossed.status, 403);
  });
});

describe('only known namespaces, tag shapes and well-formed keys', () => {
  const badBodies: { body: unknown; field: string }[] = [
    { body: { scope: 'namespace', namespace: '*' }, field: 'namespace' },
    { body: { scope: 'namespace', namespace: 'tts:*' }, field: 'namespace' },
    { body: { scope: 'namespace', namespace: 'sessions' }, field: 'namespace' },
    { body: { scope: 'key', namespace: 'tts', key: '*' }, field: 'key' },
    { body: { scope: 'key', namespace: 'tts', key: 'abc def' }, field: 'key' },
    { body: { scope: 'key', namespace: 'tts', key: 'a[bc]' }, field: 'key' },
    { body: { scope: 'key', namespace: 'tts', key: 'x'.repeat(600) }, field: 'key' },
    { body: { scope: 'key', namespace: 'tts', key: 'k', mode: 'purge' }, field: 'mode' },
    { body: { scope: 'tag', namespace: 'tts', tag: 'lesson:*' }, field: 'tag' },
    { body: { scope: 'tag', namespace: 'tts', tag: 'lesson:abc' }, field: 'tag' },
    { body: { scope: 'tag', namespace: 'progress', tag: 'learner:not-a-uuid' }, field: 'tag' },
    { body: { scope: 'pattern', namespace: 'tts', pattern: 'tts:*' }, field: 'scope' },
    { body: { scope: 'namespace', namespace: 'tts', pattern: '*' }, field: 'pattern' },
  ];

  for (const { body, field } of badBodies) {
    test(`${JSON.stringify(body).slice(0, 80)} → 400 naming ${field}`, async () => {
      const before = (await auditEntries()).length;
      const response = await invalidate(body);
      assert.equal(response.status, 400);
      const error = await errorOf(response);
      assert.equal(error.field, field);
      assert.equal((await auditEntries()).length, before, 'nothing was done, nothing audited');
    });
  }

  test('key lookup refuses an unknown namespace and a glob key', async () => {
    const namespace = await admin.handlers.lookupKey(
      adminRequest('/api/admin/cache/keys?namespace=*&key=abc', { session }),
    );
    assert.equal(namespace.status, 400);
    assert.equal((await errorOf(namespace)).field, 'namespace');
    const key = await admin.handlers.lookupKey(
      adminRequest('/api/admin/cache/keys?namespace=tts&key=tts:*', { session }),
    );
    assert.equal(key.status, 400);
    assert.equal((await errorOf(key)).field, 'key');
  });
});

describe('invalidation', () => {
  test('deleting a key is audited and the next play is a miss', async () => {
    assert.equal(await play('nihao'), 'miss');
    assert.equal(await play('nihao'), 'hit');

    const lookup = await admin.handlers.lookupKey(
      adminRequest('/api/admin/cache/keys?namespace=tts&key=nihao', { session }),
    );
    const { entry } = (await lookup.json()) as {
      entry: { exists: boolean; ttlMs: number; sizeBytes: number; ageMs: number };
    };
    assert.equal(entry.exists, true);
    assert.ok(
      entry.ttlMs > 0 && entry.sizeBytes > 0 && entry.ageMs >= 0,
      'TTL, size and age shown',
    );

    const response = await invalidate({ scope: 'key', namespace: 'tts', key: 'nihao' });
    assert.equal(response.status, 200);
    const outcome = (await response.json()) as { ok: boolean; affected: number };
    assert.deepEqual([outcome.ok, outcome.affected], [true, 1]);

    const [latest] = await auditEntries();
    assert.equal(latest?.scope, 'key');
    assert.equal(latest?.namespace, 'tts');
    assert.equal(latest?.target, 'nihao');
    assert.equal(latest?.result, 'ok');
    assert.match(latest?.actor ?? '', /^admin \(session [0-9a-f]{8}, ip /);

    assert.equal(await play('nihao'), 'miss');
  });

  test('expiring a key keeps it only as stale', async () => {
    await play('zaijian');
    const response = await invalidate({
      scope: 'key',
      namespace: 'tts',
      key: 'zaijian',
      mode: 'expire',
    });
    assert.equal(response.status, 200);
    assert.equal(await play('zaijian'), 'stale');
    assert.match((await auditEntries())[0]?.result ?? '', /^ok \(expired/);
  });

  test('invalidating a tag or the whole namespace makes the next read a miss, and both are audited', async () => {
    await play('xiexie');
    assert.equal(await play('xiexie'), 'hit');
    assert.equal(
      (await invalidate({ scope: 'tag', namespace: 'tts', tag: 'lesson:1' })).status,
      200,
    );
    assert.equal(await play('xiexie'), 'miss');

    assert.equal(await play('xiexie'), 'hit');
    assert.equal((await invalidate({ scope: 'namespace', namespace: 'tts' })).status, 200);
    assert.equal(await play('xiexie'), 'miss');

    const [namespace, tag] = await auditEntries();
    assert.deepEqual(
      [namespace?.scope, namespace?.namespace, namespace?.result],
      ['namespace', 'tts', 'ok'],
    );
    assert.deepEqual([tag?.scope, tag?.target], ['tag', 'lesson:1']);
  });
});

describe('dashboard numbers', () => {
  test('the overview shows the traffic, the hit rate against the target and who invalidated last', async () => {
    assert.equal(
      (
        await admin.handlers.resetStats(
          adminRequest('/api/admin/cache/stats/reset', { body: {}, session }),
        )
      ).status,
      200,
    );
    await play('yi');
    for (let index = 0; index < 9; index += 1) await play('yi');
    await admin.cache.stats.flush();

    const response = await admin.handlers.overview(
      adminRequest('/api/admin/cache/overview', { session }),
    );
    const body = (await response.json()) as {
      target: number;
      redis: string;
      overall: { windows: { last5m: { hitRate: number } } };
      namespaces: {
        namespace: string;
        windows: {
          last5m: { hits: number; misses: number; hitRate: number; meetsTarget: boolean };
        };
        series: { hitRate: number | null }[];
        loader: { calls: number; p50Ms: number | null };
        approximateKeys: number;
        lastInvalidation: AuditEntry | null;
      }[];
    };
    assert.equal(body.target, 0.8);
    assert.equal(body.redis, 'up');
    assert.deepEqual(
      body.namespaces.map((row) => row.namespace),
      ['tts', 'ai', 'progress', 'config', 'next'],
    );
    const tts = body.namespaces.find((row) => row.namespace === 'tts');
    assert.ok(tts, 'a tts row');
    assert.deepEqual([tts.windows.last5m.hits, tts.windows.last5m.misses], [9, 1]);
    assert.equal(tts.windows.last5m.hitRate, 0.9);
    assert.equal(tts.windows.last5m.meetsTarget, true);
    assert.equal(tts.series.length, 60);
    // The minute of the traffic (the last or, past a minute boundary, the one before it).
    assert.ok(
      tts.series.slice(-2).some((point) => point.hitRate === 0.9),
      'the chart shows the minute',
    );
    assert.equal(tts.loader.calls, 1);
    assert.notEqual(tts.loader.p50Ms, null);
    assert.ok(tts.approximateKeys >= 1, 'keys counted');
    assert.equal(tts.lastInvalidation?.scope, 'namespace');
    assert.equal(body.overall.windows.last5m.hitRate, 0.9);
  });

  test('each poll sees the traffic since the previous one', async () => {
    const ttsHits = async () => {
      const response = await admin.handlers.overview(
        adminRequest('/api/admin/cache/overview', { session }),
      );
      const body = (await response.json()) as {
        namespaces: { namespace: string; windows: { last24h: { hits: number } } }[];
      };
      return body.namespaces.find((row) => row.namespace === 'tts')?.windows.last24h.hits ?? -1;
    };
    const before = await ttsHits();
    await play('si');
    await play('si');
    await play('si');
    await admin.cache.stats.flush();
    assert.equal(await ttsHits(), before + 2);
  });

  test('resetting statistics zeroes the numbers and is audited', async () => {
    await play('er');
    await admin.cache.stats.flush();
    const reset = await admin.handlers.resetStats(
      adminRequest('/api/admin/cache/stats/reset', { body: {}, session }),
    );
    assert.equal(reset.status, 200);
    const [latest] = await auditEntries();
    assert.deepEqual([latest?.scope, latest?.result], ['stats_reset', 'ok']);
    const response = await admin.handlers.overview(
      adminRequest('/api/admin/cache/overview', { session }),
    );
    const body = (await response.json()) as {
      overall: { windows: { last24h: { hits: number; misses: number } } };
    };
    assert.deepEqual(
      [body.overall.windows.last24h.hits, body.overall.windows.last24h.misses],
      [0, 0],
    );
  });

  test("savings show how close this minute is to each paid upstream's spending ceiling", async () => {
    await admin.ttsCeiling.charge(250);
    const response = await admin.handlers.savings(
      adminRequest('/api/admin/cache/savings', { session }),
    );
    const body = (await response.json()) as { spending: unknown[] };
    assert.deepEqual(body.spending, [{ upstream: 'tts', used: 250, limit: 1000, scope: 'fleet' }]);
  });

  test('savings count avoided calls, recorded characters and tokens, and price them', async () => {
    await play('san');
    await play('san');
    await admin.savings.record('ttsCharacters', 250_000);
    await admin.savings.record('aiTokens', 1_000_000);
    await admin.cache.stats.flush();
    const response = await admin.handlers.savings(
      adminRequest('/api/admin/cache/savings', { session }),
    );
    const body = (await response.json()) as {
      upstreamCallsAvoided: Record<string, number>;
      ttsCharactersSaved: number;
      aiTokensSaved: number;
      estimatedUsd: { tts: number; ai: number; total: number };
    };
    assert.ok((body.upstreamCallsAvoided.tts ?? 0) >= 1, 'the hit avoided a TTS call');
    assert.equal(body.ttsCharactersSaved, 250_000);
    assert.equal(body.aiTokensSaved, 1_000_000);
    assert.equal(body.estimatedUsd.tts, 4); // 0.25 M characters at $16 per million
    assert.equal(body.estimatedUsd.ai, 0.6);
  });

  test('health reports Redis up with memory, evictions, ops/s and a PING latency', async () => {
    const response = await admin.handlers.health(
      adminRequest('/api/admin/cache/health', { session }),
    );
    const body = (await response.json()) as {
      redis: string;
      breaker: string;
      server: {
        usedMemoryBytes: number;
        maxMemoryBytes: number;
        evictedKeys: number;
        opsPerSecond: number;
        pingMs: number;
      };
    };
    assert.equal(body.redis, 'up');
    assert.equal(body.breaker, 'closed');
    assert.ok(body.server.usedMemoryBytes > 0, 'memory used');
    assert.ok(body.server.pingMs >= 0, 'PING latency');
    assert.equal(typeof body.server.evictedKeys, 'number');
  });
});

describe('a Redis that may evict any key', () => {
  let server: RedisServer;
  let evicting: AdminFixture;
  let evictingSession: Session;

  before(async () => {
    server = await startRedisServer(7191, [
      '--maxmemory',
      '64mb',
      '--maxmemory-policy',
      'allkeys-lru',
    ]);
    evicting = adminFixture({ database, redisUrl: server.url });
    evictingSession = await logIn(evicting);
  });
  after(async () => {
    await evicting?.close();
    await server?.stop();
  });

  test('health warns that the version counters can be evicted, and reports the bus', async () => {
    await evicting.cache.ready();
    const response = await evicting.handlers.health(
      adminRequest('/api/admin/cache/health', { session: evictingSession }),
    );
    const body = (await response.json()) as { versionsEvictable: boolean; bus: string | null };
    assert.equal(body.versionsEvictable, true);
    assert.ok(body.bus === 'up' || body.bus === 'down', `bus ${body.bus}`);
  });
});
