import { PrismaPg } from '@prisma/adapter-pg';
import { config } from '@/lib/config';
import { splitConnectionLimit } from './connection-url';
import { PrismaClient } from './generated/client';

export type { PrismaClient };

/**
 * A Prisma client on `url` through @prisma/adapter-pg. A `connection_limit` parameter in the
 * URL sizes the pool (the embedded database's URL asks for 1). Call `$disconnect()` when done.
 */
export function createPrismaClient(url: string): PrismaClient {
  const { connectionString, max } = splitConnectionLimit(url);
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max }) });
}

// Kept on globalThis so that Next.js dev's hot reloads, which re-evaluate this module, reuse
// one client instead of opening a new pool on every edit.
const holder = globalThis as typeof globalThis & { tingshuoPrisma?: PrismaClient };

/** The app's Prisma client on DATABASE_URL, created on first use. */
export function prisma(): PrismaClient {
  if (!holder.tingshuoPrisma) {
    const url = config().DATABASE_URL;
    if (!url) {
      throw new Error(
        'DATABASE_URL: expected a postgresql:// URL (start the app with `npm run dev` or `npm start`, which provide the embedded database)',
      );
    }
    holder.tingshuoPrisma = createPrismaClient(url);
  }
  return holder.tingshuoPrisma;
}
