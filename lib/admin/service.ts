import type { Cluster, Redis } from 'ioredis';
import type { SpendingCeiling } from '@/lib/budget/spending-ceiling';
import type { Cache, InspectResult, NamespaceCounters } from '@/lib/cache';
import { AUDIT_OK, type AuditEntry, type AuditLog } from './audit-log';
import { createHistoryWindow } from './history-window';
import type { UpstreamPrices } from './prices';
import { readRedisHealth, type RedisServerHealth } from './redis-health';
import { adminRequestSchemas, type InvalidationRequest } from './requests';
import { SAVINGS_WINDOW_HOURS, type SavingsLedger, type SavingsTotals } from '@/lib/savings/ledger';
import {
  HIT_RATE_TARGET,
  type NamespaceSummary,
  requestCounts,
  summarizeBuckets,
  summarizeCounts,
  type WindowSummary,
  WINDOWS_MINUTES,
} from './stats-summary';
import { describeTagShapes, type TagShapes } from './tag-shapes';

export interface AdminServiceDeps<N extends string> {
  cache: Cache<N>;
  /** The cache's own Redis connection (fail-fast settings), for INFO and PING. */
  redis: Redis | Cluster;
  audit: AuditLog;
  savings: SavingsLedger;
  prices: UpstreamPrices;
  tagShapes: TagShapes;
  /** The fleet-wide ceilings on paid upstream calls, shown with how close this minute is. */
  spending?: readonly SpendingCeiling[];
  now?: () => number;
}

export interface NamespaceOverview extends NamespaceSummary {
  namespace: string;
  /** Distinct keys written since the namespace was last invalidated (HyperLogLog estimate). */
  approximateKeys: number;
  lastInvalidation: AuditEntry | null;
  tagShapes: string[];
  /** This process since it started (or since the last reset): what is left when Redis is down. */
  thisInstance: WindowSummary;
}

export interface RedisHealthReport {
  redis: 'up' | 'down';
  breaker: 'closed' | 'open' | 'half-open';
  server: RedisServerHealth | null;
  error: string | null;
  /** This instance's invalidation bus: 'down' while no heartbeat is heard (L1 is not trusted). */
  bus: 'up' | 'down' | null;
  /**
   * Redis runs an `allkeys-*` policy: it may evict the cache's version counters, and every such
   * eviction turns a namespace's entries into misses. The dashboard says so loudly.
   */
  versionsEvictable: boolean;
}

export type InvalidationOutcome =
  | { ok: true; affected: number | null; audit: AuditEntry }
  | { ok: false; error: string; audit: AuditEntry };

/**
 * Everything the admin dashboard reads and does, over injected dependencies (so tests use their own
 * cache prefix and database). Reads never throw because Redis is down: they report it.
 */
export function createAdminService<N extends string>(deps: AdminServiceDeps<N>) {
  const { cache, audit, savings, prices, tagShapes } = deps;
  const now = deps.now ?? Date.now;
  const schemas = adminRequestSchemas(cache.namespaces, tagShapes);
  const history = createHistoryWindow({
    stats: cache.stats,
    minutes: WINDOWS_MINUTES.last24h,
    redisUp: () => cache.health().redis === 'up',
    now,
  });

  async function health(): Promise<RedisHealthReport> {
    const state = cache.health();
    const probe = await readRedisHealth(deps.redis);
    return {
      redis: probe.ok ? 'up' : 'down',
      breaker: state.breaker,
      server: probe.ok ? probe.server : null,
      error: probe.ok ? null : probe.error,
      bus: state.bus ?? null,
      versionsEvictable:
        state.versionsEvictable ??
        (probe.ok && (probe.server.maxMemoryPolicy?.startsWith('allkeys-') ?? false)),
    };
  }

  async function overview() {
    const [buckets, latest, redis] = await Promise.all([
      history.read(),
      audit.latestPerNamespace(cache.namespaces),
      health(),
    ]);
    const at = now();
    const local = cache.stats.snapshot().namespaces;
    const namespaces: NamespaceOverview[] = await Promise.all(
      cache.namespaces.map(async (namespace) => ({
        namespace,
        ...summarizeBuckets(
          buckets.filter((bucket) => bucket.namespace === namespace),
          at,
        ),
        thisInstance: summarizeLocal(local[namespace]),
        approximateKeys: redis.redis === 'up' ? await cache.stats.keyCount(namespace) : 0,
        lastInvalidation: latest.get(namespace) ?? null,
        tagShapes: describeTagShapes(tagShapes[namespace] ?? []),
      })),
    );
    return {
      generatedAt: new Date(at).toISOString(),
      target: HIT_RATE_TARGET,
      // Fleet history lives in Redis: while it is down the windows are empty and only each
      // namespace's `thisInstance` (counters since this process started) still moves.
      redis: redis.redis,
      overall: summarizeBuckets(buckets, at),
      namespaces,
    };
  }

  async function savingsReport() {
    const [buckets, units, spending] = await Promise.all([
      history.read(),
      savings.totals().catch((): SavingsTotals | null => null),
      Promise.all((deps.spending ?? []).map((ceiling) => ceiling.usage())),
    ]);
    const avoidedCalls = Object.fromEntries(
      cache.namespaces.map((namespace) => [
        namespace,
        summarizeBuckets(
          buckets.filter((bucket) => bucket.namespace === namespace),
          now(),
        ).windows.last24h.hits,
      ]),
    ) as Record<string, number>;
    const ttsUsd = units && (units.ttsCharacters / 1e6) * prices.ttsUsdPerMillionCharacters;
    const aiUsd = units && (units.aiTokens / 1e6) * prices.aiUsdPerMillionTokens;
    return {
      windowHours: SAVINGS_WINDOW_HOURS,
      /** This minute's charges against each paid upstream's fleet-wide ceiling. */
      spending,
      upstreamCallsAvoided: avoidedCalls,
      totalUpstreamCallsAvoided: Object.values<number>(avoidedCalls).reduce((a, b) => a + b, 0),
      /** null when Redis could not be read. */
      ttsCharactersSaved: units?.ttsCharacters ?? null,
      aiTokensSaved: units?.aiTokens ?? null,
      estimatedUsd:
        ttsUsd === null || aiUsd === null
          ? null
          : { tts: ttsUsd, ai: aiUsd, total: ttsUsd + aiUsd },
      prices,
    };
  }

  /** `namespace` as validated by `schemas.keyLookup`. */
  async function lookup(namespace: string, key: string): Promise<InspectResult | null> {
    return cache.inspect(namespace as N, key);
  }

  async function invalidate(
    request: InvalidationRequest,
    actor: string,
  ): Promise<InvalidationOutcome> {
    const namespace = request.namespace as N;
    const target =
      request.scope === 'tag' ? request.tag : request.scope === 'key' ? request.key : null;
    let affected: number | null = null;
    try {
      if (request.scope === 'namespace') {
        affected = await cache.stats.keyCount(namespace);
        await cache.invalidateNamespace(namespace);
      } else if (request.scope === 'tag') {
        await cache.invalidateTag(namespace, request.tag);
      } else {
        const before = await cache.inspect(namespace, request.key);
        affected = before?.exists ? 1 : 0;
        await (request.mode === 'expire'
          ? cache.expire(namespace, request.key)
          : cache.delete(namespace, request.key));
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const entry = await audit.record({
        actor,
        scope: request.scope,
        namespace,
        target,
        result: `failed: ${message}`.slice(0, 500),
      });
      return { ok: false, error: message, audit: entry };
    }
    const result =
      request.scope === 'key' && request.mode === 'expire'
        ? `${AUDIT_OK} (expired: stale for its grace period)`
        : AUDIT_OK;
    const entry = await audit.record({
      actor,
      scope: request.scope,
      namespace,
      target,
      result,
      affected,
    });
    return { ok: true, affected, audit: entry };
  }

  async function resetStats(actor: string): Promise<InvalidationOutcome> {
    try {
      history.forget();
      await cache.stats.reset();
      await savings.reset();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const entry = await audit.record({
        actor,
        scope: 'stats_reset',
        result: `failed: ${message}`.slice(0, 500),
      });
      return { ok: false, error: message, audit: entry };
    }
    return {
      ok: true,
      affected: null,
      audit: await audit.record({ actor, scope: 'stats_reset', result: AUDIT_OK }),
    };
  }

  return {
    schemas,
    namespaces: cache.namespaces,
    overview,
    health,
    savings: savingsReport,
    lookup,
    invalidate,
    resetStats,
    auditLog: (limit: number) => audit.list(limit),
  };
}

export type AdminService = ReturnType<typeof createAdminService>;

function summarizeLocal(counters: NamespaceCounters): WindowSummary {
  return summarizeCounts(requestCounts(counters));
}
