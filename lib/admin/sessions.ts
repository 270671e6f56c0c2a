import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '@/lib/db/generated/client';

export type AdminDb = Pick<PrismaClient, 'adminSession' | 'cacheInvalidation'>;

export interface AdminSessionInfo {
  /** sha256 of the token: safe to log and to show as "who". */
  id: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface SessionLifetimes {
  /** Signed out after this long without a request. */
  idleMs: number;
  /** Signed out this long after login, however active. */
  absoluteMs: number;
}

export const DEFAULT_SESSION_LIFETIMES: SessionLifetimes = {
  idleMs: 8 * 3600_000,
  absoluteMs: 24 * 3600_000,
};

// Writing lastSeenAt on every dashboard poll would be a DB write every few seconds for nothing.
const TOUCH_EVERY_MS = 60_000;

/**
 * Sessions live in Postgres keyed by the sha256 of their token: a leaked database row cannot be
 * replayed as a cookie, and logout really ends the session everywhere.
 */
export function createSessionStore(
  db: AdminDb,
  lifetimes: SessionLifetimes = DEFAULT_SESSION_LIFETIMES,
  now: () => Date = () => new Date(),
) {
  return {
    lifetimes,

    async create(): Promise<AdminSessionInfo & { token: string }> {
      const token = randomBytes(32).toString('base64url');
      const createdAt = now();
      const row = await db.adminSession.create({
        data: {
          id: hashToken(token),
          csrfToken: randomBytes(32).toString('base64url'),
          createdAt,
          lastSeenAt: createdAt,
          expiresAt: new Date(createdAt.getTime() + lifetimes.absoluteMs),
        },
      });
      return { token, id: row.id, csrfToken: row.csrfToken, expiresAt: row.expiresAt };
    },

    /** The live session for a cookie token; expired sessions are deleted on sight. */
    async find(token: string | undefined): Promise<AdminSessionInfo | null> {
      if (!token) return null;
      const id = hashToken(token);
      const row = await db.adminSession.findUnique({ where: { id } });
      if (!row) return null;
      const at = now();
      const idleExpired = at.getTime() - row.lastSeenAt.getTime() > lifetimes.idleMs;
      if (idleExpired || row.expiresAt <= at) {
        await db.adminSession.deleteMany({ where: { id } });
        return null;
      }
      if (at.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        await db.adminSession.update({ where: { id }, data: { lastSeenAt: at } });
      }
      return { id: row.id, csrfToken: row.csrfToken, expiresAt: row.expiresAt };
    },

    async delete(token: string | undefined): Promise<void> {
      if (!token) return;
      await db.adminSession.deleteMany({ where: { id: hashToken(token) } });
    },

    /** Housekeeping: rows past their absolute expiry are useless. */
    async deleteExpired(): Promise<number> {
      const { count } = await db.adminSession.deleteMany({ where: { expiresAt: { lte: now() } } });
      return count;
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
