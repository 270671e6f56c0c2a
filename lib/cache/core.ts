import { randomBytes } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';
import type { z } from 'zod';
import { CircuitBreaker } from './breaker';
import { InvalidationBus, type BusMessage } from './bus';
import { DropLog } from './drop-log';
import { CacheConfigError, CacheUnavailableError } from './errors';
import { FailSafeThrottle } from './fail-safe';
import { assertNamespaceName, assertPrefix, keyLayout, type KeyLayout } from './keys';
import { LocalTier } from './l1';
import { RedisStore, unavailable, type Unavailable } from './l2';
import { LeaseKeeper } from './lease';
import { delay, LoaderRunner } from './loader';
import { resolvePolicy } from './policy';
import { createRedisConnection, type RedisClient } from './redis-connection';
import { StatsRecorder } from './stats';
import { VersionBook, type VersionToken } from './versions';
import { commandTimeoutOf, WarmTimerLists } from './warm-timers';
import type { CacheOptions, CacheStatus, CacheTier, LoaderContext, ResolvedPolicy } from './types';

export type Schema = z.ZodType;
/** Loaders once their schema's types are erased: inside the engine values are `unknown`. */
export type Loader = (context: LoaderContext<unknown>) => Promise<unknown>;

/** Namespace version used for L1 entries made while Redis's version was unknown. */
export const UNKNOWN_VERSION = '';

/** One request, resolved: what every step of the read and fill paths needs to know about it. */
export interface Call {
  namespace: string;
  id: string;
  logical: string;
  policy: ResolvedPolicy;
  schema: Schema;
  tags: readonly string[];
  forceFresh: boolean;
  /** Namespace version when the call started: names the L2 key and fences the fill. */
  version: VersionToken | undefined;
}

/** What a lookup produced: the stored (JSON) value, its schema output, and where it came from. */
export interface Outcome {
  /** The value as JSON gives it back, for callers with another schema; see `encoded`. */
  stored: unknown;
  /** A fill's encoded envelope: then `stored` is decoded from it, only if another schema asks. */
  encoded?: string;
  parsed: unknown;
  schema: Schema;
  status: CacheStatus;
  tier: CacheTier;
}

/** One lookup-and-load per key at a time in this process. */
export interface Flight {
  version: VersionToken | undefined;
  /** Set when the key is deleted/expired/overwritten meanwhile: nobody may join or trust it. */
  fenced: boolean;
  answer: Promise<Outcome>;
}

/** What the core calls back into: coherence, which is built on top of it. */
export interface CoreHooks {
  onBusMessage(message: BusMessage): void;
  /** Invalidations may have been missed: distrust everything local. */
  distrust(): void;
}

/**
 * The parts every room of the cache shares, built once: Redis (client, breaker, store), the
 * tiers, versions, bus, flights, loaders, statistics. Start-up lives here too: the first calls
 * wait for the first connection and the first version read.
 */
export class CacheCore {
  readonly namespaces: readonly string[];
  readonly instanceId: string;
  readonly keys: KeyLayout;
  readonly client: RedisClient;
  readonly ownsClient: boolean;
  readonly breaker: CircuitBreaker;
  readonly store: RedisStore;
  readonly l1: LocalTier;
  readonly versions: VersionBook;
  readonly bus: InvalidationBus;
  readonly stats: StatsRecorder<string>;
  readonly leases: LeaseKeeper;
  readonly flights = new Map<string, Flight>();
  readonly closing = new AbortController();
  readonly loaders = new LoaderRunner();
  /** L1 drops, so a read that overlapped one serves what it got but does not keep it. */
  readonly drops = new DropLog();
  readonly throttle = new FailSafeThrottle();
  /** Keeps the command-timeout and loader-timeout timer lists alive between requests. */
  private readonly warmTimers = new WarmTimerLists();
  /** Start-up version loading, bounded by the connect timeout: what the first calls wait for. */
  readonly initialVersions: Promise<boolean>;
  readonly versionTimer: NodeJS.Timeout;
  /** `maxmemory-policy` read at start-up; an `allkeys-*` policy can evict version keys. */
  evictionPolicy: string | undefined;
  private readonly policies = new Map<string, ResolvedPolicy>();
  private fenceCounter = 0;

  constructor(options: CacheOptions<string>, hooks: CoreHooks) {
    assertPrefix(options.prefix);
    this.namespaces = Object.keys(options.namespaces);
    for (const namespace of this.namespaces) {
      assertNamespaceName(namespace);
      this.policies.set(namespace, resolvePolicy(namespace, options.namespaces[namespace]!));
    }
    this.instanceId = options.instanceId ?? randomBytes(6).toString('base64url');
    this.keys = keyLayout(options.prefix);
    const target = options.redis;
    this.ownsClient = !(target instanceof Redis || target instanceof Cluster);
    this.client =
      target instanceof Redis || target instanceof Cluster
        ? target
        : createRedisConnection(target, { commandTimeoutMs: options.commandTimeoutMs });
    // ioredis emits 'error' on every failed reconnect; the breaker already accounts for it.
    this.client.on('error', () => {});
    this.warmTimers.keep(commandTimeoutOf(this.client));
    for (const policy of this.policies.values()) this.warmTimers.keep(policy.hardTimeoutMs);
    this.breaker = new CircuitBreaker(options.breaker, (state) => {
      // Back from an outage: invalidations may have been missed, so L1 is suspect.
      if (state === 'closed') hooks.distrust();
    });
    this.store = new RedisStore(this.client, this.breaker);
    this.leases = new LeaseKeeper(
      this.store,
      this.keys.lease,
      () => this.newFence(),
      this.closing.signal,
    );
    this.l1 = new LocalTier({
      maxEntries: options.l1?.maxEntries ?? 10_000,
      maxBytes: options.l1?.maxBytes ?? 64 * 1024 * 1024,
      ttlMs: options.l1?.ttlMs ?? 10_000,
      onEvict: (namespace) => this.stats.count(namespace, 'l1Evictions'),
    });
    this.versions = new VersionBook(this.store, this.keys, this.namespaces, hooks.distrust);
    this.stats = new StatsRecorder(
      this.store,
      this.keys,
      this.namespaces,
      this.instanceId,
      (namespace) => this.versions.namespace(namespace),
      options.statsFlushMs ?? 5000,
    );
    this.bus = new InvalidationBus(
      this.store,
      this.keys.busChannel,
      this.instanceId,
      {
        onMessage: hooks.onBusMessage,
        onReconnect: hooks.distrust,
        // Every heartbeat tick while the bus is down: nothing local outlives one tick.
        onDead: hooks.distrust,
      },
      options.bus,
    );
    this.initialVersions = this.loadVersionsAtStart(options.commandTimeoutMs ?? 250);
    this.versionTimer = setInterval(
      () => void this.versions.refresh(),
      options.versionRefreshMs ?? 5000,
    );
    this.versionTimer.unref();
  }

  policyOf(namespace: string): ResolvedPolicy {
    const policy = this.policies.get(namespace);
    if (!policy) throw new CacheConfigError(`Unknown cache namespace ${JSON.stringify(namespace)}`);
    return policy;
  }

  /** Unique across the fleet: instance id + a local counter. */
  newFence(): string {
    this.fenceCounter += 1;
    return `${this.instanceId}.${this.fenceCounter.toString(36)}`;
  }

  /**
   * Writes and invalidations must land: one retry absorbs a single slow command (a retried bump
   * or tombstone that had in fact landed is harmless), then the caller is told.
   */
  async mustReach<T>(operation: string, attempt: () => Promise<T | Unavailable>): Promise<T> {
    for (let tries = 0; tries < 2; tries += 1) {
      const result = await attempt();
      if (result !== unavailable) return result as T;
    }
    throw new CacheUnavailableError(operation);
  }

  /**
   * Wait for the first connection (bounded by the connect timeout), then read versions. Requests
   * wait for this too: one sent while the first connection is still opening would find no socket
   * (on a cluster, or time out on a node connection still opening), open the breaker and skip
   * Redis (leases included) for a whole second, so a fleet that just started would call the
   * upstream once per instance. A first attempt that already failed (nothing listening) ends the
   * wait at once: the breaker and the periodic refresh take over.
   */
  private async loadVersionsAtStart(commandTimeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + 1000 + commandTimeoutMs;
    const waiting = () => Date.now() < deadline && !this.closing.signal.aborted;
    while (!this.store.connected && !this.store.connectionLost && waiting()) await delay(10);
    if (this.store.connected) {
      this.store.openClusterNodes();
      while (!this.store.clusterNodesOpen && waiting()) await delay(10);
      void this.readEvictionPolicy();
    }
    return this.versions.refresh();
  }

  /**
   * An `allkeys-*` policy may evict a version key or the epoch. The generation check turns that
   * into mass misses rather than old values, but it should be fixed: said in health() and the log.
   */
  private async readEvictionPolicy(): Promise<void> {
    const reply = await this.store
      .run((client) => client.config('GET', 'maxmemory-policy') as Promise<string[]>)
      .catch(() => unavailable);
    if (reply === unavailable || !Array.isArray(reply) || typeof reply[1] !== 'string') return;
    this.evictionPolicy = reply[1];
    if (this.evictionPolicy.startsWith('allkeys-')) {
      console.warn(
        `lib/cache: Redis maxmemory-policy is ${this.evictionPolicy}: it can evict version keys, ` +
          'and every eviction of one starts a new cache generation (all misses). Use volatile-* or noeviction.',
      );
    }
  }

  async close(): Promise<void> {
    const reason = new Error('cache closed');
    this.closing.abort(reason);
    this.loaders.abortAll(reason);
    clearInterval(this.versionTimer);
    this.warmTimers.close();
    await this.stats.flush();
    this.stats.close();
    this.bus.close();
    if (this.ownsClient) this.client.disconnect();
  }
}
