import type { CacheInvalidationScope } from '@/lib/db/generated/enums';
import type { AdminDb } from './sessions';

/** How the `result` of an invalidation that did what was asked starts. */
export const AUDIT_OK = 'ok';

export interface AuditEntry {
  id: string;
  actor: string;
  scope: CacheInvalidationScope;
  namespace: string | null;
  target: string | null;
  result: string;
  affected: number | null;
  instanceId: string;
  createdAt: string;
}

export type NewAuditEntry = Pick<AuditEntry, 'actor' | 'scope' | 'result'> &
  Partial<Pick<AuditEntry, 'namespace' | 'target' | 'affected'>>;

/** Every invalidation and statistics reset, successful or not, in Postgres (who, when, what, result). */
export function createAuditLog(db: AdminDb, instanceId: string) {
  return {
    async record(entry: NewAuditEntry): Promise<AuditEntry> {
      return toEntry(await db.cacheInvalidation.create({ data: { ...entry, instanceId } }));
    },

    async list(limit: number): Promise<AuditEntry[]> {
      const rows = await db.cacheInvalidation.findMany({
        orderBy: { createdAt: 'desc' },
        take: limit,
      });
      return rows.map(toEntry);
    },

    /** When each namespace was last invalidated (any scope), and by whom; failed attempts do not count. */
    async latestPerNamespace(namespaces: readonly string[]): Promise<Map<string, AuditEntry>> {
      const rows = await db.cacheInvalidation.findMany({
        where: { namespace: { in: [...namespaces] }, result: { startsWith: AUDIT_OK } },
        orderBy: { createdAt: 'desc' },
        distinct: ['namespace'],
      });
      return new Map(rows.map((row) => [row.namespace ?? '', toEntry(row)]));
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

function toEntry(row: Omit<AuditEntry, 'createdAt'> & { createdAt: Date }): AuditEntry {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
