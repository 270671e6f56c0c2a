import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CacheLoaderError } from '@/lib/cache';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { reportDatabaseUp } from '@/lib/http/database-outage';
import { unexpectedErrorResponse } from '@/lib/http/route-errors';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { PASS, startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

/**
 * Every shape a database outage takes when it reaches a route handler, produced for real through
 * a TCP proxy in front of PostgreSQL: each must become a 503 with Retry-After and a JSON body (a
 * retry is worth it), never a 500. And the pool must heal by itself once the database answers.
 */

const TIMEOUTS = { connectTimeoutMs: 500, queryTimeoutMs: 800 };
// A bound on "did not hang", far above the timeouts and far below a hung request.
const NO_HANG_MS = 5_000;

let db: TestDatabase;
let proxy: TcpProxy;
const clients: PrismaClient[] = [];

function throughProxy(connectionLimit?: number, timeouts = TIMEOUTS): PrismaClient {
  const url = new URL(db.url);
  url.host = `127.0.0.1:${proxy.port}`;
  if (connectionLimit) url.searchParams.set('connection_limit', String(connectionLimit));
  const client = createPrismaClient(url.toString(), timeouts);
  clients.push(client);
  return client;
}

async function failure(work: Promise<unknown>): Promise<unknown> {
  const started = performance.now();
  try {
    await work;
  } catch (error) {
    assert.ok(performance.now() - started < NO_HANG_MS, 'the query gave up within its bound');
    return error;
  }
  assert.fail('expected the database call to fail');
}

async function assertAnswered503(error: unknown, what: string): Promise<void> {
  const response = unexpectedErrorResponse(error);
  reportDatabaseUp(); // the outage state is per process: start each case afresh
  assert.equal(response.status, 503, `${what}: ${String(error)}`);
  assert.ok(Number(response.headers.get('retry-after')) > 0, `${what}: Retry-After`);
  const body = (await response.json()) as { error: { code: string } };
  assert.equal(body.error.code, 'database_unavailable', what);
}

const selectOne = (client: PrismaClient) => client.$queryRaw`SELECT 1`;

/** The server pids of the sessions whose running query contains `marker`, once there is one. */
async function untilRunning(marker: string): Promise<number[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const rows = await db.prisma.$queryRaw<{ pid: number }[]>`
      SELECT pid FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'
        AND position(${marker} in query) > 0`;
    if (rows.length > 0) return rows.map((row) => row.pid);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`no running query contained ${marker}`);
}

const findPhrase = (client: PrismaClient) => client.phrase.findFirst();

before(async () => {
  db = await createTestDatabase({ seed: true });
  proxy = await startTcpProxy({ listenPort: 0, targetPort: Number(new URL(db.url).port || 5432) });
});

after(async () => {
  await Promise.all(clients.map((client) => client.$disconnect().catch(() => undefined)));
  await proxy.close();
  await db.drop();
});

describe('a database outage is a 503, whatever shape it reaches the handler in', () => {
  test('connection refused, for a raw query and a model query', async () => {
    await proxy.cut();
    try {
      const client = throughProxy();
      await assertAnswered503(await failure(selectOne(client)), 'raw query, refused');
      await assertAnswered503(await failure(findPhrase(client)), 'model query, refused');
      await assertAnswered503(
        await failure(client.$transaction([client.learner.count()])),
        'transaction, refused',
      );
    } finally {
      await proxy.restore();
    }
  });

  test('a live connection reset mid-query ("Connection terminated unexpectedly")', async () => {
    // Reset while its query runs, for the reason the 57P01 case below gives.
    const client = throughProxy(1, { ...TIMEOUTS, queryTimeoutMs: 10_000 });
    const sleeping = failure(client.$queryRaw`SELECT pg_sleep(29)`);
    await untilRunning('pg_sleep(29)');
    for (const connection of proxy.connections()) connection.destroy();
    await assertAnswered503(await sleeping, 'connection reset');
  });

  test('the server ending the session mid-query (57P01 admin shutdown)', async () => {
    // The session is ended while its query runs: ended while idle, the pool may already have
    // dropped the connection and the next query rightly succeeds on a new one (a race, not a fault).
    const client = throughProxy(1, { ...TIMEOUTS, queryTimeoutMs: 10_000 });
    const sleeping = failure(client.$queryRaw`SELECT pg_sleep(30)`);
    for (const pid of await untilRunning('pg_sleep(30)')) {
      await db.prisma.$executeRaw`SELECT pg_terminate_backend(${pid})`;
    }
    await assertAnswered503(await sleeping, 'backend terminated');
  });

  test('no answer to a query (bytes black-holed): the query timeout', async () => {
    const client = throughProxy();
    await selectOne(client);
    proxy.setFault({ kind: 'blackhole' });
    try {
      await assertAnswered503(await failure(findPhrase(client)), 'query read timeout');
      await assertAnswered503(
        await failure(client.$transaction(async (tx) => tx.learner.count())),
        'interactive transaction, black-holed',
      );
    } finally {
      proxy.setFault(PASS);
    }
  });

  test('no answer to a new connection: the connect timeout', async () => {
    proxy.setFault({ kind: 'blackhole' });
    try {
      await assertAnswered503(await failure(findPhrase(throughProxy())), 'connect timeout');
    } finally {
      proxy.setFault(PASS);
    }
  });

  test('every pooled connection busy: the pool timeout', async () => {
    // Queries may take long here; only the wait for a connection is short.
    const client = throughProxy(1, { connectTimeoutMs: 300, queryTimeoutMs: 5_000 });
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    // Holds the only connection for longer than the connect timeout.
    const busy = client.$transaction(async (tx) => {
      holding();
      await tx.$executeRaw`SELECT pg_sleep(1)`;
    });
    await held;
    await assertAnswered503(await failure(findPhrase(client)), 'pool exhausted');
    await busy;
  });

  test('a statement the server cancels at statement_timeout (57014)', async () => {
    const client = throughProxy();
    await assertAnswered503(
      await failure(client.$queryRaw`SELECT pg_sleep(2)`),
      'statement timeout',
    );
  });

  test('a transaction that outlived its time (P2028)', async () => {
    const client = throughProxy();
    const error = await failure(
      client.$transaction(
        async (tx) => {
          await new Promise((resolve) => setTimeout(resolve, 300));
          await tx.learner.count();
        },
        { timeout: 100 },
      ),
    );
    assert.equal((error as { code?: string }).code, 'P2028');
    await assertAnswered503(error, 'transaction closed');
  });

  test('an outage wrapped by lib/cache (CacheLoaderError with a cause)', async () => {
    await proxy.cut();
    try {
      const cause = await failure(findPhrase(throughProxy()));
      const wrapped = new CacheLoaderError('progress', 'learner:day', { cause });
      await assertAnswered503(wrapped, 'loader error wrapping an outage');
    } finally {
      await proxy.restore();
    }
  });

  test('errors that are not outages stay 500s or 4xx, never a misleading 503', async () => {
    const client = throughProxy();
    const duplicate = await failure(
      client.lesson.create({
        data: { hskLevel: 1, position: 1, slug: 'duplicate', title: 't', description: 'd' },
      }),
    );
    const outOfRange = await failure(client.phrase.findUnique({ where: { id: 2 ** 31 } }));
    for (const error of [duplicate, outOfRange, new Error('a bug')]) {
      assert.equal(unexpectedErrorResponse(error).status, 500, String(error));
    }
  });
});

describe('the pool heals by itself', () => {
  test('after connections were silently black-holed, new queries work within the bound', async () => {
    const client = throughProxy(2);
    await Promise.all([selectOne(client), selectOne(client)]);
    // A NAT losing its state: the old connections never answer again, new ones work.
    proxy.setFault({ kind: 'blackhole' });
    proxy.setFault(PASS, 'new');
    const outcomes = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      outcomes.push(
        await findPhrase(client).then(
          () => 'ok',
          () => 'failed',
        ),
      );
    }
    // At most one failure per dead connection, then fresh connections answer.
    assert.deepEqual(outcomes.slice(-2), ['ok', 'ok'], outcomes.join(', '));
    assert.ok(outcomes.filter((outcome) => outcome === 'failed').length <= 2, outcomes.join(', '));
    const tx = await client.$transaction(async (t) => t.phrase.count());
    assert.ok(tx > 0, 'transactions work again too');
    proxy.setFault(PASS);
  });
});
