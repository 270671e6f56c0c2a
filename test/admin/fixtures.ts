import { z } from 'zod';
import { createAuditLog } from '@/lib/admin/audit-log';
import { createAdminAuth } from '@/lib/admin/auth';
import { type AdminCredential } from '@/lib/admin/credential';
import { createAdminHandlers } from '@/lib/admin/handlers';
import { createAdminMutations } from '@/lib/admin/mutations';
import { createLoginRateLimiter } from '@/lib/admin/login-rate-limit';
import { upstreamPrices } from '@/lib/admin/prices';
import { createSavingsLedger } from '@/lib/savings/ledger';
import { ADMIN_REDIS_COMMAND_TIMEOUT_MS } from '@/lib/admin/redis-health';
import { createAdminService } from '@/lib/admin/service';
import { createSessionStore, type SessionLifetimes } from '@/lib/admin/sessions';
import { KNOWN_TAG_SHAPES } from '@/lib/admin/tag-shapes';
import { createSpendingCeiling } from '@/lib/budget/spending-ceiling';
import { APP_NAMESPACES, type AppNamespace } from '@/lib/app-cache';
import { createCache, createRedisConnection } from '@/lib/cache';
import { parseConfig } from '@/lib/config';
import type { TestDatabase } from '../support/database';
import { deleteByPrefix, SHARED_REDIS_URL, uniquePrefix } from '../support/redis';
import { Redis } from 'ioredis';

export const ADMIN_TOKEN = 'test-admin-token-0123456789-abcdefghij';
export const ORIGIN = 'http://admin.test';

export const urlSchema = z.object({ url: z.string() });

export interface AdminFixtureOptions {
  database: TestDatabase;
  redisUrl?: string;
  credential?: AdminCredential;
  loginAttempts?: number;
  production?: boolean;
  lifetimes?: SessionLifetimes;
  now?: () => Date;
}

/**
 * The admin area exactly as the app wires it, but on this test's own cache prefix, Redis and
 * database: the route handlers are the ones the Next.js route files re-export.
 */
export function adminFixture(options: AdminFixtureOptions) {
  const prefix = uniquePrefix('admin');
  const redisUrl = options.redisUrl ?? SHARED_REDIS_URL;
  const cache = createCache<AppNamespace>({
    prefix,
    redis: { mode: 'standalone', url: redisUrl },
    namespaces: APP_NAMESPACES,
    statsFlushMs: 60_000,
  });
  const redis = createRedisConnection(
    { mode: 'standalone', url: redisUrl },
    { commandTimeoutMs: ADMIN_REDIS_COMMAND_TIMEOUT_MS },
  );
  redis.on('error', () => {});
  const db = options.database.prisma;
  const savings = createSavingsLedger({ redis, prefix });
  const auth = createAdminAuth({
    sessions: createSessionStore(db, options.lifetimes, options.now),
    credential: options.credential ?? { kind: 'token', token: ADMIN_TOKEN },
    loginLimiter: createLoginRateLimiter({
      redis,
      keyPrefix: `${prefix}:_admin:login`,
      attempts: options.loginAttempts ?? 50,
    }),
    production: options.production ?? false,
  });
  const ttsCeiling = createSpendingCeiling({
    redis,
    prefix,
    upstream: 'tts',
    limitPerMinute: 1000,
  });
  const service = createAdminService({
    cache,
    redis,
    audit: createAuditLog(db, cache.instanceId),
    savings,
    prices: upstreamPrices(parseConfig({})),
    tagShapes: KNOWN_TAG_SHAPES,
    spending: [ttsCeiling],
  });
  const mutations = createAdminMutations({ auth, service });
  const handlers = createAdminHandlers({ auth, service, mutations });

  return {
    prefix,
    cache,
    savings,
    ttsCeiling,
    handlers,
    mutations,
    async close() {
      await cache.close();
      if (redis.status === 'ready') {
        await deleteByPrefix(redis as Redis, prefix);
      }
      redis.disconnect();
    },
  };
}

export type AdminFixture = ReturnType<typeof adminFixture>;

export interface Session {
  cookie: string;
  csrfToken: string;
}

export function adminRequest(
  path: string,
  init: {
    method?: 'GET' | 'POST';
    body?: unknown;
    session?: Partial<Session>;
    csrfToken?: string | null;
    headers?: Record<string, string>;
  } = {},
): Request {
  const headers: Record<string, string> = { ...init.headers };
  if (init.session?.cookie) headers.cookie = init.session.cookie;
  const csrf = init.csrfToken === undefined ? init.session?.csrfToken : init.csrfToken;
  if (csrf) headers['x-csrf-token'] = csrf;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return new Request(`${ORIGIN}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** The `name=value` part of a Set-Cookie header, as a browser would send it back. */
export function cookieFrom(response: Response): string {
  const setCookie = response.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0] ?? '';
}

export async function logIn(
  fixture: AdminFixture,
  secret = ADMIN_TOKEN,
  headers: Record<string, string> = {},
): Promise<Session> {
  const response = await fixture.handlers.login(
    adminRequest('/api/admin/login', { body: { secret }, headers }),
  );
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
  const body = (await response.json()) as { csrfToken: string };
  return { cookie: cookieFrom(response), csrfToken: body.csrfToken };
}

export async function errorOf(response: Response) {
  const body = (await response.json()) as {
    error: { code: string; field?: string; message: string };
  };
  return body.error;
}

export { deadPort } from '../support/dead-port';
