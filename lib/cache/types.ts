import type { Cluster, Redis } from 'ioredis';
import type { z } from 'zod';

/** How to reach Redis: a config the cache connects with, or a client the caller already owns. */
export type RedisTarget =
  | { mode: 'standalone'; url: string }
  | { mode: 'cluster'; nodes: { host: string; port: number }[] }
  | { mode: 'sentinel'; sentinels: { host: string; port: number }[]; name: string }
  | Redis
  | Cluster;

/** Per-namespace policy; every field but `ttlMs` has a default, and calls may override some. */
export interface NamespacePolicy {
  /** How long an entry is fresh. */
  ttlMs: number;
  /** How long past fresh an entry may still be served as stale (SWR / fail-safe). Default 10% of ttl. */
  graceMs?: number;
  /** Fraction (0..0.5) shaved at random off each ttl so entries written together expire apart. Default 0.1. */
  jitter?: number;
  /** Take a Redis lease on a miss so one instance in the fleet runs the loader. Default false. */
  lease?: boolean;
  /** How long a lease lives if its holder dies. Default: hardTimeoutMs + 1 s. */
  leaseMs?: number;
  /** How long a lease loser waits for the winner's value before loading itself. Default 2 s. */
  leaseWaitMs?: number;
  /**
   * true (default): a stale entry is returned at once and one background refresh runs.
   * false (fail-safe only): the caller waits for the loader up to `softTimeoutMs`, then gets stale.
   */
  staleWhileRevalidate?: boolean;
  /** With a stale fallback at hand, stop waiting for the loader after this long. Default 1 s. */
  softTimeoutMs?: number;
  /** The loader's AbortSignal fires after this long and the call fails. Default 10 s. */
  hardTimeoutMs?: number;
  /** TTL for negative results (`null` from the loader, or `markNegative()`). Default min(ttl, 60 s). */
  negativeTtlMs?: number;
}

export type ResolvedPolicy = Required<NamespacePolicy>;

export interface CacheOptions<N extends string> {
  /** Every Redis key starts with `${prefix}:`. */
  prefix: string;
  redis: RedisTarget;
  namespaces: Record<N, NamespacePolicy>;
  /** Defaults 10,000 entries, 64 MiB, 10 s. `maxEntries: 0` turns L1 off. */
  l1?: { maxEntries?: number; maxBytes?: number; ttlMs?: number };
  commandTimeoutMs?: number;
  instanceId?: string;
  /** How often local counters are flushed to Redis. Default 5 s. */
  statsFlushMs?: number;
  /** Safety net against lost bus messages: re-read known versions this often. Default 5 s. */
  versionRefreshMs?: number;
  /**
   * Bus heartbeat: each instance publishes one every `heartbeatMs` (default 1 s); with nothing
   * heard for `deadAfterMs` (default 3 s) the bus counts as down and L1 is distrusted.
   */
  bus?: { heartbeatMs?: number; deadAfterMs?: number };
  breaker?: { failureThreshold?: number; openMs?: number };
}

export type CacheStatus = 'hit' | 'miss' | 'stale';
export type CacheTier = 'l1' | 'l2' | 'loader';

export interface CacheResult<T> {
  value: T;
  status: CacheStatus;
  tier: CacheTier;
}

export interface LoaderContext<T> {
  /** Aborted when the hard timeout fires (or the cache closes). */
  signal: AbortSignal;
  /** The stale value being refreshed, if any. */
  stale: T | undefined;
  /** Cache this result with the namespace's negative TTL ("not found" answers). */
  markNegative(): void;
}

export interface GetOrSetOptions<N extends string, S extends z.ZodType> {
  namespace: N;
  key: string;
  schema: S;
  loader: (context: LoaderContext<z.output<S>>) => Promise<z.input<S>>;
  ttlMs?: number;
  graceMs?: number;
  tags?: string[];
  /** Skip L1/L2 reads and run the loader (stale stays available as a fallback). */
  forceFresh?: boolean;
}

export interface GetOptions<N extends string, S extends z.ZodType> {
  namespace: N;
  key: string;
  schema: S;
}

export interface SetOptions<N extends string> {
  namespace: N;
  key: string;
  value: unknown;
  ttlMs?: number;
  graceMs?: number;
  tags?: string[];
}

export interface GetManyOptions<N extends string, S extends z.ZodType> {
  namespace: N;
  keys: string[];
  schema: S;
}

export interface InspectResult {
  exists: boolean;
  ttlMs: number;
  ageMs: number;
  sizeBytes: number;
  stale: boolean;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CacheHealth {
  redis: 'up' | 'down';
  breaker: BreakerState;
  /** 'down': no heartbeat heard lately, invalidations may be lost; L1 is not trusted meanwhile. */
  bus?: 'up' | 'down';
  /** Redis's `maxmemory-policy`, read at start-up (undefined if it could not be read). */
  evictionPolicy?: string;
  /** true under an `allkeys-*` policy: version keys can be evicted (each eviction = all misses). */
  versionsEvictable?: boolean;
}

export interface TierCounters {
  hit: number;
  miss: number;
  stale: number;
}

export interface LatencyHistogram {
  /** Upper bounds in ms; the last bucket is +Inf. */
  boundsMs: readonly number[];
  /** counts[i] = observations <= boundsMs[i] (non-cumulative), counts[bounds.length] = over the last bound. */
  counts: number[];
  sumMs: number;
  count: number;
}

export interface NamespaceCounters {
  /**
   * Reads (getOrSet, get, each distinct key of getMany) by the answer the caller got, once per
   * read: what hit rates are made of. Stale values served (SWR, fail-safe) are `reads.stale`.
   * Buckets written before this counter existed read back as zero reads.
   */
  reads: TierCounters;
  /** Lookups per tier (which tier answered), background refreshes included: a read may count at both. */
  l1: TierCounters;
  l2: TierCounters;
  coalesced: number;
  loaderCalls: number;
  loaderErrors: number;
  loaderTimeouts: number;
  loaderLatency: LatencyHistogram;
  l1Evictions: number;
  invalidations: number;
  /** Entries found corrupt or in an incompatible envelope (treated as misses and deleted). */
  corrupt: number;
}

export interface StatsSnapshot<N extends string> {
  instanceId: string;
  namespaces: Record<N, NamespaceCounters>;
}

export interface StatsBucket {
  /** Start of the minute, epoch ms. */
  minute: number;
  namespace: string;
  counters: NamespaceCounters;
}

export interface CacheStats<N extends string> {
  snapshot(): StatsSnapshot<N>;
  /** Fleet-wide per-minute buckets for the last `minutes` minutes, oldest first. */
  history(options: { namespace?: N; minutes: number }): Promise<StatsBucket[]>;
  /** Approximate number of distinct keys written to the namespace since its last invalidation. */
  keyCount(namespace: N): Promise<number>;
  /** Push local deltas to Redis now (normally done every few seconds). */
  flush(): Promise<void>;
  reset(): Promise<void>;
}

export interface Cache<N extends string> {
  readonly namespaces: readonly N[];
  readonly instanceId: string;
  getOrSet<S extends z.ZodType>(options: GetOrSetOptions<N, S>): Promise<CacheResult<z.output<S>>>;
  get<S extends z.ZodType>(
    options: GetOptions<N, S>,
  ): Promise<CacheResult<z.output<S>> | undefined>;
  set(options: SetOptions<N>): Promise<void>;
  getMany<S extends z.ZodType>(options: GetManyOptions<N, S>): Promise<Map<string, z.output<S>>>;
  delete(namespace: N, key: string): Promise<void>;
  expire(namespace: N, key: string): Promise<void>;
  invalidateNamespace(namespace: N): Promise<void>;
  invalidateTag(namespace: N, tag: string): Promise<void>;
  /**
   * Catch up with Redis rather than wait for the bus: one MGET (two when a tag of the namespace
   * moved). Once it resolves true, every invalidation of `namespace` that returned on any
   * instance before the call began is honoured here; false: Redis could not answer, and only the
   * bus bounds how stale this instance may be.
   */
  syncNamespace(namespace: N): Promise<boolean>;
  inspect(namespace: N, key: string): Promise<InspectResult | null>;
  health(): CacheHealth;
  /**
   * Settles when start-up has read the namespace versions (true) or given up (false: Redis
   * unreachable; the cache serves from L1 and the loader and catches up by itself). Requests
   * never wait longer than one command timeout for this, so a caller that needs L2 from its very
   * first call (a readiness probe, a test, a benchmark) awaits it.
   */
  ready(): Promise<boolean>;
  readonly stats: CacheStats<N>;
  close(): Promise<void>;
}
