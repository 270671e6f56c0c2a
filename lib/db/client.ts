import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { AppConfig } from '@/lib/config';
import { splitConnectionLimit } from './connection-url';
import { PrismaClient } from './generated/client';
import {
  DEFAULT_DATABASE_TIMEOUTS,
  databasePoolOptions,
  type DatabaseTimeouts,
} from './pool-options';
import { SelfEvictingClient } from './self-evicting-client';

export type { PrismaClient };

/**
 * A Prisma client on `url` through @prisma/adapter-pg, over a pool that bounds every wait on the
 * database and drops connections that stopped answering (see pool-options.ts). A
 * `connection_limit` parameter in the URL sizes the pool (the embedded database's URL asks for
 * 1). Call `$disconnect()` when done.
 */
export function createPrismaClient(
  url: string,
  timeouts: DatabaseTimeouts = DEFAULT_DATABASE_TIMEOUTS,
): PrismaClient {
  const { connectionString, max } = splitConnectionLimit(url);
  const pool = new pg.Pool({
    ...databasePoolOptions(connectionString, max, timeouts),
    Client: SelfEvictingClient,
  });
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

/** The app's Prisma client on DATABASE_URL, with the configured bounds on every wait. */
export function prismaFromConfig(settings: AppConfig): PrismaClient {
  const url = settings.DATABASE_URL;
  if (!url) {
    throw new Error(
      'DATABASE_URL: expected a postgresql:// URL (start the app with `npm run dev` or `npm start`, which provide the embedded database)',
    );
  }
  return createPrismaClient(url, {
    connectTimeoutMs: settings.DATABASE_CONNECT_TIMEOUT_MS,
    queryTimeoutMs: settings.DATABASE_QUERY_TIMEOUT_MS,
  });
}
