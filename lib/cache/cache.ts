import { randomBytes } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';
import type { z } from 'zod';
import { CircuitBreaker } from './breaker';
import { InvalidationBus, type BusMessage } from './bus';
import { DropLog } from './drop-log';
import {
  decodeEnvelope,
  encodeEnvelope,
  encodeTombstone,
  ENVELOPE_VERSION,
  fencePrefix,
  type Envelope,
} from './envelope';
import {
  CacheConfigError,
  CacheLoaderError,
  CacheLoaderTimeoutError,
  CacheUnavailableError,
} from './errors';
import {
  assertIdentifier,
  assertNamespaceName,
  assertPrefix,
  keyLayout,
  type KeyLayout,
} from './keys';
import { LocalTier, logicalKey, type LocalEntry } from './l1';
import { LeaseKeeper } from './lease';
import type { RemoteRead } from './remote-read';
import { RedisStore, unavailable, type Unavailable } from './l2';
import { FailSafeThrottle } from './fail-safe';
import { delay, LoaderRunner } from './loader';
import { jittered, resolvePolicy } from './policy';
import { createRedisConnection, type RedisClient } from './redis-connection';
import { StatsRecorder } from './stats';
import { newEpochId, VersionBook, type VersionToken } from './versions';
import type {
  Cache,
  CacheHealth,
  CacheOptions,
  CacheResult,
  CacheStatus,
  CacheTier,
  GetManyOptions,
  GetOptions,
  GetOrSetOptions,
  InspectResult,
  LoaderContext,
  ResolvedPolicy,
  SetOptions,
} from './types';

type Schema = z.ZodType;
/** Loaders once their schema's types are erased: inside the engine values are `unknown`. */
type Loader = (context: LoaderContext<unknown>) => Promise<unknown>;

/** Namespace version used for L1 entries made while Redis's version was unknown. */
const UNKNOWN_VERSION = '';
/** A delete's tombstone must outlive any loader that started before it: its hard timeout + margin. */
const TOMBSTONE_MARGIN_MS = 5000;

interface Call {
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
interface Outcome {
  stored: unknown;
  parsed: unknown;
  schema: Schema;
  status: CacheStatus;
  tier: CacheTier;
}

interface Flight {
  version: VersionToken | undefined;
  /** Set when the key is deleted/expired/overwritten meanwhile: nobody may join or trust it. */
  fenced: boolean;
  answer: Promise<Outcome>;
}

const UNAVAILABLE_READ: RemoteRead = { kind: 'unavailable' };
const NOTHING_READ: RemoteRead = { kind: 'none', fence: '' };

export function createCache<N extends string>(options: CacheOptions<N>): Cache<N> {
  return new TieredCache(options);
}

class TieredCache<N extends string> implements Cache<N> {
  readonly namespaces: readonly N[];
  readonly instanceId: string;
  readonly stats: StatsRecorder<N>;
  private readonly policies = new Map<string, ResolvedPolicy>();
  private readonly keys: KeyLayout;
  private readonly client: RedisClient;
  private readonly ownsClient: boolean;
  private readonly breaker: CircuitBreaker;
  private readonly store: RedisStore;
  private readonly l1: LocalTier;
  private readonly versions: VersionBook;
  private readonly bus: InvalidationBus;
  private readonly flights = new Map<string, Flight>();
  private readonly closing = new AbortController();
  private readonly loaders = new LoaderRunner();
  private readonly versionTimer: NodeJS.Timeout;
  /** Start-up version loading, bounded by the connect timeout: what the first calls wait for. */
  private readonly initialVersions: Promise<boolean>;
  private fenceCounter = 0;
  /** L1 drops, so a read that overlapped one serves what it got but does not keep it. */
  private readonly drops = new DropLog();
  private readonly throttle = new FailSafeThrottle();
  private readonly leases: LeaseKeeper;
  /** `maxmemory-policy` read at start-up; an `allkeys-*` policy can evict version keys. */
  private evictionPolicy: string | undefined;

  constructor(options: CacheOptions<N>) {
    assertPrefix(options.prefix);
    this.namespaces = Object.keys(options.namespaces) as N[];
    for (const namespace of this.namespaces) {
      assertNamespaceName(namespace);
      this.policies.set(namespace, resolvePolicy(namespace, options.namespaces[namespace]));
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
    this.breaker = new CircuitBreaker(options.breaker, (state) => {
      // Back from an outage: invalidations may have been missed, so L1 is suspect.
      if (state === 'closed') this.distrustLocal();
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
    this.versions = new VersionBook(this.store, this.keys, this.namespaces, () =>
      this.distrustLocal(),
    );
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
        onMessage: (message) => this.applyRemote(message),
        onReconnect: () => this.distrustLocal(),
        // Every heartbeat tick while the bus is down: nothing local outlives one tick.
        onDead: () => this.distrustLocal(),
      },
      options.bus,
    );
    const commandTimeoutMs = options.commandTimeoutMs ?? 250;
    this.initialVersions = this.loadVersionsAtStart(commandTimeoutMs);
    this.versionTimer = setInterval(
      () => void this.versions.refresh(),
      options.versionRefreshMs ?? 5000,
    );
    this.versionTimer.unref();
  }

  /**
   * Wait for the first connection (bounded by the connect timeout), then read versions. Requests
   * wait for this too: one sent while the first connection is still opening would find no socket
   * (on a cluster, or time out on a node connection still opening), open the breaker and skip Redis (leases included) for a whole second, so a fleet that just
   * started would call the upstream once per instance. A first attempt that already failed
   * (nothing listening) ends the wait at once: the breaker and the periodic refresh take over.
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

  // ---------------------------------------------------------------- reads

  async getOrSet<S extends Schema>(
    options: GetOrSetOptions<N, S>,
  ): Promise<CacheResult<z.output<S>>> {
    let call = this.prepare(options, options.tags, options);
    if (call.version === undefined) call = await this.withVersion(call);
    // The schema ties loader and value types together for callers; the engine works on unknown.
    const loader = options.loader as Loader;
    const forceFresh = call.forceFresh;
    const local = this.l1.get(call.logical);
    const found = local && this.checkLocal(call, local);
    if (found && !forceFresh) {
      if (found.fresh) {
        this.stats.tier(call.namespace, 'l1', 'hit');
        return { value: found.parsed as z.output<S>, status: 'hit', tier: 'l1' };
      }
      this.stats.tier(call.namespace, 'l1', 'stale');
      if (call.policy.staleWhileRevalidate) {
        if (!this.throttle.blocked(call.logical)) this.join(call, loader, local);
        return { value: found.parsed as z.output<S>, status: 'stale', tier: 'l1' };
      }
    } else if (!forceFresh) {
      this.stats.tier(call.namespace, 'l1', 'miss');
      // The lean L2 path, inline so an L2 hit is one async frame: one GET, decoded and checked
      // synchronously (tags against local versions), no flight set up. Only when a load has to
      // follow does the read join (or start) a flight, handing over what it read: still one GET.
      if (call.version !== undefined && !this.flights.has(call.logical)) {
        const since = this.drops.now();
        const raw = await this.store.get(this.keys.entry(call.namespace, call.version, call.id));
        let remote = raw === unavailable ? UNAVAILABLE_READ : this.interpretRemote(call, raw);
        if (remote instanceof Promise) remote = await remote;
        const keepable = this.drops.keepable(call.logical, since);
        if (remote.kind === 'entry' && remote.fresh) {
          this.stats.tier(call.namespace, 'l2', 'hit');
          if (keepable) this.remember(call, remote.envelope, remote.sizeBytes, remote.parsed);
          return { value: remote.parsed as z.output<S>, status: 'hit', tier: 'l2' };
        }
        // Dropped during the GET: the flight reads again, as what we read may be what was dropped.
        const outcome = await this.join(call, loader, undefined, keepable ? remote : undefined);
        return this.present(outcome, call.schema) as CacheResult<z.output<S>>;
      }
    }
    const outcome = await this.join(call, loader, found ? local : undefined);
    return this.present(outcome, call.schema) as CacheResult<z.output<S>>;
  }

  async get<S extends Schema>(
    options: GetOptions<N, S>,
  ): Promise<CacheResult<z.output<S>> | undefined> {
    const call = await this.withVersion(this.prepare({ ...options, forceFresh: false }, undefined));
    const local = this.l1.get(call.logical);
    const found = local && this.checkLocal(call, local);
    if (found?.fresh) {
      this.stats.tier(call.namespace, 'l1', 'hit');
      return { value: found.parsed as z.output<S>, status: 'hit', tier: 'l1' };
    }
    this.stats.tier(call.namespace, 'l1', found ? 'stale' : 'miss');
    // Stale locally: another instance may have refreshed it already, so ask L2 first.
    const since = this.drops.now();
    const remote = await this.readRemote(call);
    if (remote.kind === 'entry') {
      this.stats.tier(call.namespace, 'l2', remote.fresh ? 'hit' : 'stale');
      if (this.drops.keepable(call.logical, since)) {
        this.remember(call, remote.envelope, remote.sizeBytes, remote.parsed);
      }
      return {
        value: remote.parsed as z.output<S>,
        status: remote.fresh ? 'hit' : 'stale',
        tier: 'l2',
      };
    }
    if (remote.kind === 'none') this.stats.tier(call.namespace, 'l2', 'miss');
    if (remote.kind === 'unavailable' && found) {
      return { value: found.parsed as z.output<S>, status: 'stale', tier: 'l1' };
    }
    return undefined;
  }

  async getMany<S extends Schema>(
    options: GetManyOptions<N, S>,
  ): Promise<Map<string, z.output<S>>> {
    const found = new Map<string, z.output<S>>();
    const remoteCalls: Call[] = [];
    // Each distinct key once: a repeated key is one lookup, not one per mention.
    for (const key of new Set(options.keys)) {
      const call = await this.withVersion(
        this.prepare({ ...options, key, forceFresh: false }, undefined),
      );
      const local = this.l1.get(call.logical);
      const hit = local && this.checkLocal(call, local);
      if (hit) {
        this.stats.tier(call.namespace, 'l1', hit.fresh ? 'hit' : 'stale');
        found.set(key, hit.parsed as z.output<S>);
      } else {
        this.stats.tier(call.namespace, 'l1', 'miss');
        if (call.version !== undefined) remoteCalls.push(call);
      }
    }
    if (remoteCalls.length === 0) return found;
    const since = this.drops.now();
    const raws = await this.store.mget(
      remoteCalls.map((call) =>
        this.keys.entry(call.namespace, call.version as VersionToken, call.id),
      ),
    );
    if (raws === unavailable) return found;
    await Promise.all(
      remoteCalls.map(async (call, index) => {
        const remote = await this.interpretRemote(call, raws[index] ?? null);
        if (remote.kind !== 'entry') {
          this.stats.tier(call.namespace, 'l2', 'miss');
          return;
        }
        this.stats.tier(call.namespace, 'l2', remote.fresh ? 'hit' : 'stale');
        if (this.drops.keepable(call.logical, since)) {
          this.remember(call, remote.envelope, remote.sizeBytes, remote.parsed);
        }
        found.set(call.id, remote.parsed as z.output<S>);
      }),
    );
    return found;
  }

  async inspect(namespace: N, key: string): Promise<InspectResult | null> {
    const call = await this.withVersion(
      this.prepare({ namespace, key, forceFresh: false }, undefined),
    );
    if (call.version === undefined) return null;
    const redisKey = this.keys.entry(namespace, call.version, key);
    const reply = await this.store.run((client) =>
      Promise.all([client.get(redisKey), client.pttl(redisKey)]),
    );
    if (reply === unavailable || reply[0] === null) return null;
    const [raw, ttlMs] = reply;
    const decoded = decodeEnvelope(raw);
    if (decoded.kind !== 'entry') return null;
    const now = Date.now();
    return {
      exists: true,
      ttlMs,
      ageMs: now - decoded.envelope.createdAt,
      sizeBytes: Buffer.byteLength(raw),
      stale: now >= decoded.envelope.freshUntil,
    };
  }

  // ---------------------------------------------------------------- writes and invalidation
  // Each waits for start-up version loading first (bounded by the connect timeout): a write
  // issued right after createCache would otherwise find no connection and report
  // CacheUnavailableError against a healthy Redis.

  /**
   * Fenced by order, not arrival: the write is conditioned on the value it found, so a write
   * that timed out (reported as CacheUnavailableError) but was already on the wire is refused
   * if anything was written after it was issued, instead of landing over a newer value.
   */
  async set(options: SetOptions<N>): Promise<void> {
    const { call, redisKey } = await this.beginKeyMutation(options, 'set', options.tags);
    const tagVersions = await this.tagVersionsFor(call);
    const envelope = this.newEnvelope(call, options.value, false, tagVersions);
    const encoded = encodeEnvelope(envelope);
    // L1 keeps what JSON gives back, as from L2: no shared object, Date/NaN as elsewhere.
    envelope.value = jsonValue(encoded, envelope.value);
    const ttlMs = envelope.staleUntil - envelope.createdAt;
    const written = await this.mustReach('set', async () => {
      const found = await this.store.get(redisKey);
      if (found === unavailable) return unavailable;
      const current = found === null ? undefined : decodeEnvelope(found);
      if (current?.kind === 'corrupt') return this.store.set(redisKey, encoded, ttlMs);
      const fence = current
        ? fencePrefix(current.kind === 'entry' ? current.envelope.f : current.fence)
        : '';
      return this.store.fencedSet(redisKey, fence, encoded, ttlMs);
    });
    if (written !== false) {
      this.stats.wrote(call.namespace, call.id);
      this.remember(call, envelope, encoded.length, undefined);
    }
    await this.bus.publish({ t: 'key', ns: call.namespace, key: call.id });
  }

  /**
   * The shared start of set, delete and expire: the key's current Redis name, with this
   * instance's own in-flight fills fenced off first so none of them can write the old value back
   * afterwards. Versions unknown (started during an outage, or a new generation): read them now
   * rather than refusing until the periodic refresh.
   */
  private async beginKeyMutation(
    options: { namespace: N; key: string; ttlMs?: number; graceMs?: number },
    operation: 'set' | 'delete' | 'expire',
    tags?: readonly string[],
  ) {
    await this.initialVersions;
    const call = this.prepare({ ...options, forceFresh: false }, tags, options);
    this.fenceLocal(call.logical);
    if (call.version === undefined) {
      await this.versions.refresh();
      call.version = this.versions.namespace(call.namespace);
    }
    if (call.version === undefined) throw new CacheUnavailableError(operation);
    return { call, redisKey: this.keys.entry(call.namespace, call.version, call.id) };
  }

  async delete(namespace: N, key: string): Promise<void> {
    const { call, redisKey } = await this.beginKeyMutation({ namespace, key }, 'delete');
    await this.mustReach('delete', () => this.writeTombstone(call, redisKey));
    this.stats.count(namespace, 'invalidations');
    await this.bus.publish({ t: 'key', ns: namespace, key });
  }

  /** A tombstone outlives any loader that started before it: its hard timeout + margin. */
  private writeTombstone(call: Call, redisKey: string) {
    const ttlMs = call.policy.hardTimeoutMs + TOMBSTONE_MARGIN_MS;
    return this.store.set(redisKey, encodeTombstone(this.newFence()), ttlMs);
  }

  /**
   * Keeps the value, but stale: served for grace (while a refresh runs), then gone. Fences as
   * strongly as delete: with nothing to rewrite (or a rewrite refused because a fill landed
   * meanwhile) it leaves a tombstone, so a fill that started before it cannot land as fresh.
   */
  async expire(namespace: N, key: string): Promise<void> {
    const { call, redisKey } = await this.beginKeyMutation({ namespace, key }, 'expire');
    await this.mustReach<unknown>('expire', async () => {
      const raw = await this.store.get(redisKey);
      if (raw === unavailable) return unavailable;
      const decoded = raw === null ? undefined : decodeEnvelope(raw);
      if (decoded?.kind === 'tombstone') return true;
      const now = Date.now();
      if (decoded?.kind === 'entry' && decoded.envelope.staleUntil > now) {
        const staleUntil = Math.min(decoded.envelope.staleUntil, now + call.policy.graceMs);
        const expired = { ...decoded.envelope, f: this.newFence(), freshUntil: now, staleUntil };
        const rewritten = await this.store.fencedSet(
          redisKey,
          fencePrefix(decoded.envelope.f),
          encodeEnvelope(expired),
          Math.max(1, staleUntil - now),
        );
        if (rewritten !== false) return rewritten;
      }
      return this.writeTombstone(call, redisKey);
    });
    this.stats.count(namespace, 'invalidations');
    await this.bus.publish({ t: 'key', ns: namespace, key });
  }

  /** O(1) whatever the namespace holds: one bump orphans every entry (they age out by TTL). */
  async invalidateNamespace(namespace: N): Promise<void> {
    this.policyOf(namespace);
    await this.initialVersions;
    const { epoch, counter } = await this.bump('invalidateNamespace', namespace);
    this.versions.observeNamespace(namespace, counter, epoch);
    this.stats.count(namespace, 'invalidations');
    await this.bus.publish({ t: 'ns', ns: namespace, ver: counter, ep: epoch });
  }

  /** O(1): entries record the tag versions they were filled under; a bump makes them misses. */
  async invalidateTag(namespace: N, tag: string): Promise<void> {
    this.policyOf(namespace);
    assertIdentifier(tag, 'tag');
    await this.initialVersions;
    const { epoch, counter } = await this.bump('invalidateTag', namespace, tag);
    this.versions.observeTag(namespace, tag, counter, epoch);
    this.stats.count(namespace, 'invalidations');
    await this.bus.publish({ t: 'tag', ns: namespace, tag, ver: counter, ep: epoch });
  }

  /** INCR within the generation; a counter that went backwards starts a new one (versions.ts). */
  private bump(operation: string, namespace: N, tag?: string) {
    const counterKey =
      tag === undefined
        ? this.keys.namespaceVersion(namespace)
        : this.keys.tagVersion(namespace, tag);
    return this.mustReach(operation, () =>
      this.store.bumpVersion(this.keys.epoch, counterKey, {
        freshEpoch: newEpochId(),
        epoch: this.versions.generation ?? '',
        known: this.versions.counter(namespace, tag),
      }),
    );
  }

  ready(): Promise<boolean> {
    return this.initialVersions;
  }

  health(): CacheHealth {
    const breaker = this.breaker.state;
    return {
      redis: this.store.connected && breaker !== 'open' ? 'up' : 'down',
      breaker,
      bus: this.bus.live ? 'up' : 'down',
      evictionPolicy: this.evictionPolicy,
      versionsEvictable: this.evictionPolicy?.startsWith('allkeys-') ?? false,
    };
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    const reason = new Error('cache closed');
    this.closing.abort(reason);
    this.loaders.abortAll(reason);
    clearInterval(this.versionTimer);
    await this.stats.flush();
    this.stats.close();
    this.bus.close();
    if (this.ownsClient) this.client.disconnect();
  }

  // ---------------------------------------------------------------- the fill path

  /**
   * One lookup-and-load per key at a time in this process. A flight started before the key was
   * invalidated (version bumped, or fenced by delete/expire/set) is not joined: late callers
   * must not receive what the invalidation was meant to remove.
   */
  private join(
    call: Call,
    loader: Loader,
    fallback: LocalEntry | undefined,
    alreadyRead?: RemoteRead,
  ): Promise<Outcome> {
    const flightKey = call.forceFresh ? `${call.logical}\u0000fresh` : call.logical;
    const existing = this.flights.get(flightKey);
    if (existing && !existing.fenced && existing.version === call.version) {
      this.stats.count(call.namespace, 'coalesced');
      return existing.answer;
    }
    let answerEarly!: (outcome: Outcome) => void;
    let fail!: (error: unknown) => void;
    const answer = new Promise<Outcome>((resolve, reject) => {
      answerEarly = resolve;
      fail = reject;
    });
    const flight: Flight = { version: call.version, fenced: false, answer };
    this.flights.set(flightKey, flight);
    this.fly(call, flight, loader, fallback, answerEarly, alreadyRead)
      .then(answerEarly, fail)
      .finally(() => {
        if (this.flights.get(flightKey) === flight) this.flights.delete(flightKey);
      });
    // A background refresh has nobody awaiting it; its failures are counted, not thrown.
    answer.catch(() => {});
    return answer;
  }

  private async fly(
    call: Call,
    flight: Flight,
    loader: Loader,
    localFallback: LocalEntry | undefined,
    answerEarly: (outcome: Outcome) => void,
    alreadyRead: RemoteRead | undefined,
  ): Promise<Outcome> {
    const remote = alreadyRead ?? (await this.readRemote(call));
    let fallback = localFallback ? this.outcomeOf(localFallback, call.schema, 'l1') : undefined;
    if (remote.kind === 'entry') {
      if (!call.forceFresh) this.stats.tier(call.namespace, 'l2', remote.fresh ? 'hit' : 'stale');
      if (!flight.fenced) this.remember(call, remote.envelope, remote.sizeBytes, remote.parsed);
      const outcome: Outcome = {
        stored: remote.envelope.value,
        parsed: remote.parsed,
        schema: call.schema,
        status: remote.fresh ? 'hit' : 'stale',
        tier: 'l2',
      };
      if (remote.fresh && !call.forceFresh) return outcome;
      fallback = { ...outcome, status: 'stale' };
    } else if (remote.kind === 'none' && !call.forceFresh) {
      this.stats.tier(call.namespace, 'l2', 'miss');
    }
    // Fail-safe throttle: the upstream failed a moment ago, so the stale value is the answer.
    if (fallback && !call.forceFresh && this.throttle.blocked(call.logical)) return fallback;
    if (fallback && !call.forceFresh && call.policy.staleWhileRevalidate) answerEarly(fallback);
    else if (fallback) {
      const stale = fallback;
      void delay(call.policy.softTimeoutMs).then(() => answerEarly(stale));
    }
    const fence = remote.kind === 'unavailable' || !remote.fence ? '' : fencePrefix(remote.fence);
    try {
      return await this.load(call, flight, loader, fence, fallback);
    } catch (error) {
      this.stats.count(call.namespace, 'loaderErrors');
      if (!fallback) throw error;
      // Fail-safe: keep serving the stale value, and don't hammer a failing upstream.
      this.throttle.block(call.logical);
      return fallback;
    }
  }

  private async load(
    call: Call,
    flight: Flight,
    loader: Loader,
    fence: string,
    fallback: Outcome | undefined,
  ): Promise<Outcome> {
    let lease = call.policy.lease ? await this.leases.acquire(call) : undefined;
    try {
      if (lease?.held === false) {
        // Another instance is loading this key. With stale at hand, serve it; else wait for theirs.
        if (fallback) return fallback;
        this.stats.count(call.namespace, 'coalesced');
        const waited = await this.leases.awaitHolder(call, lease, () => this.readRemote(call));
        if (waited.kind === 'value') {
          const remote = waited.read;
          if (!flight.fenced) this.remember(call, remote.envelope, remote.sizeBytes, remote.parsed);
          return {
            stored: remote.envelope.value,
            parsed: remote.parsed,
            schema: call.schema,
            status: 'hit',
            tier: 'l2',
          };
        }
        // The holder is gone and we took its place (or we gave up waiting): load ourselves.
        if (waited.kind === 'took-over') lease = waited.lease;
      }
      return await this.loadAndStore(call, flight, loader, fence, fallback);
    } finally {
      if (lease?.held) this.leases.release(lease);
    }
  }

  private async loadAndStore(
    call: Call,
    flight: Flight,
    loader: Loader,
    fence: string,
    fallback: Outcome | undefined,
  ): Promise<Outcome> {
    // Read tag versions BEFORE the loader: an invalidation during it makes this fill stale.
    const tagVersions = await this.tagVersionsFor(call);
    this.stats.count(call.namespace, 'loaderCalls');
    const started = performance.now();
    let result;
    try {
      result = await this.loaders.run(loader, {
        namespace: call.namespace,
        key: call.id,
        hardTimeoutMs: call.policy.hardTimeoutMs,
        stale: fallback?.parsed,
      });
    } catch (error) {
      if (error instanceof CacheLoaderTimeoutError) {
        this.stats.count(call.namespace, 'loaderTimeouts');
      }
      throw error;
    } finally {
      this.stats.loaderLatency(call.namespace, performance.now() - started);
    }
    // `undefined` stays undefined for `.optional()` schemas; `.nullable()` ones accept it as null.
    let value = result.value;
    let parsed = call.schema.safeParse(value);
    if (!parsed.success && value === undefined) {
      value = null;
      parsed = call.schema.safeParse(value);
    }
    if (!parsed.success) {
      throw new CacheLoaderError(call.namespace, call.id, { cause: parsed.error });
    }
    const negative = result.negative || value === null || value === undefined;
    const envelope = this.newEnvelope(call, value, negative, tagVersions);
    const encoded = encodeEnvelope(envelope);
    // The stored value is what JSON gives back, so L1 and L2 hand out the same thing.
    envelope.value = jsonValue(encoded, envelope.value);
    await this.storeFill(call, flight, envelope, encoded, fence, parsed.data);
    return {
      stored: envelope.value,
      parsed: parsed.data,
      schema: call.schema,
      status: 'miss',
      tier: 'loader',
    };
  }

  /** Write a fill to L2 (fenced) and L1, unless an invalidation happened while it loaded. */
  private async storeFill(
    call: Call,
    flight: Flight,
    envelope: Envelope,
    encoded: string,
    fence: string,
    parsed: unknown,
  ): Promise<void> {
    const stillCurrent = () =>
      !flight.fenced &&
      (call.version ?? UNKNOWN_VERSION) ===
        (this.versions.namespace(call.namespace) ?? UNKNOWN_VERSION) &&
      this.versions.tagsCurrent(call.namespace, envelope.tags) !== false;
    if (!stillCurrent()) return;
    if (call.version !== undefined) {
      const written = await this.store.fencedSet(
        this.keys.entry(call.namespace, call.version, call.id),
        fence,
        encoded,
        envelope.staleUntil - Date.now(),
      );
      if (written === false) return; // refused by the fence: a delete/expire/newer write won
      if (written === true) this.stats.wrote(call.namespace, call.id);
    }
    if (stillCurrent()) this.remember(call, envelope, encoded.length, parsed);
  }

  // ---------------------------------------------------------------- tiers

  private async readRemote(call: Call): Promise<RemoteRead> {
    if (call.version === undefined) return UNAVAILABLE_READ;
    const raw = await this.store.get(this.keys.entry(call.namespace, call.version, call.id));
    if (raw === unavailable) return UNAVAILABLE_READ;
    return this.interpretRemote(call, raw);
  }

  /**
   * Decode + validate one L2 value; synchronous unless the entry's tags are unknown here (then
   * their versions are read). Corrupt or incompatible → counted, deleted, a miss.
   */
  private interpretRemote(call: Call, raw: string | null): RemoteRead | Promise<RemoteRead> {
    if (raw === null) return NOTHING_READ;
    const decoded = decodeEnvelope(raw);
    if (decoded.kind === 'tombstone') return { kind: 'none', fence: decoded.fence };
    if (decoded.kind === 'corrupt') return this.discardCorrupt(call, raw);
    const { envelope } = decoded;
    const now = Date.now();
    if (now >= envelope.staleUntil) return { kind: 'none', fence: envelope.f };
    const tagsCurrent = this.versions.tagsCurrent(call.namespace, envelope.tags);
    if (tagsCurrent === true) return this.acceptRemote(call, envelope, raw, now);
    if (tagsCurrent === false) return { kind: 'none', fence: envelope.f };
    return this.tagsCurrentInRedis(call.namespace, envelope.tags).then(
      (current): RemoteRead | Promise<RemoteRead> =>
        current ? this.acceptRemote(call, envelope, raw, now) : { kind: 'none', fence: envelope.f },
    );
  }

  private acceptRemote(
    call: Call,
    envelope: Envelope,
    raw: string,
    now: number,
  ): RemoteRead | Promise<RemoteRead> {
    const parsed = call.schema.safeParse(envelope.value);
    if (!parsed.success) return this.discardCorrupt(call, raw);
    return {
      kind: 'entry',
      fence: envelope.f,
      envelope,
      parsed: parsed.data,
      sizeBytes: raw.length,
      fresh: now < envelope.freshUntil,
    };
  }

  /**
   * Awaited, so the fill that follows (fenced on "nothing there") cannot reach Redis before the
   * delete does: on a cluster node that has not cached the scripts yet, the delete's EVALSHA →
   * EVAL retry let the fill arrive first and be refused, leaving nothing stored.
   */
  private async discardCorrupt(call: Call, raw: string): Promise<RemoteRead> {
    this.stats.count(call.namespace, 'corrupt');
    if (call.version !== undefined) {
      await this.store.compareAndDelete(
        this.keys.entry(call.namespace, call.version, call.id),
        raw,
      );
    }
    return NOTHING_READ;
  }

  /** For tags this instance has not seen yet: read their versions and compare. */
  private async tagsCurrentInRedis(namespace: string, recorded: Record<string, number> = {}) {
    const current = await this.versions.tags(namespace, Object.keys(recorded));
    return (
      current !== undefined &&
      Object.entries(recorded).every(([tag, version]) => current[tag] === version)
    );
  }

  /** A usable L1 entry (right versions, not past grace, valid for this schema), or undefined. */
  private checkLocal(
    call: Call,
    entry: LocalEntry,
  ): { parsed: unknown; fresh: boolean } | undefined {
    const now = Date.now();
    if (
      entry.namespaceVersion !== (call.version ?? UNKNOWN_VERSION) ||
      now >= entry.envelope.staleUntil ||
      this.versions.tagsCurrent(call.namespace, entry.envelope.tags) !== true
    ) {
      this.l1.delete(call.logical);
      return undefined;
    }
    if (entry.validatedBy !== call.schema) {
      const parsed = call.schema.safeParse(entry.envelope.value);
      if (!parsed.success) {
        this.stats.count(call.namespace, 'corrupt');
        this.l1.delete(call.logical);
        return undefined;
      }
      entry.validatedBy = call.schema;
      entry.parsed = parsed.data;
    }
    return { parsed: entry.parsed, fresh: now < entry.envelope.freshUntil };
  }

  private remember(call: Call, envelope: Envelope, sizeBytes: number, parsed: unknown): LocalEntry {
    const entry: LocalEntry = {
      envelope,
      namespaceVersion: call.version ?? UNKNOWN_VERSION,
      sizeBytes,
      validatedBy: parsed === undefined ? undefined : call.schema,
      parsed,
    };
    this.l1.set(call.logical, entry, Date.now());
    return entry;
  }

  private outcomeOf(entry: LocalEntry, schema: Schema, tier: CacheTier): Outcome | undefined {
    let parsed = entry.parsed;
    if (entry.validatedBy !== schema) {
      const result = schema.safeParse(entry.envelope.value);
      if (!result.success) return undefined;
      parsed = result.data;
    }
    return { stored: entry.envelope.value, parsed, schema, status: 'stale', tier };
  }

  /** Joiners may pass another schema instance than the flight's starter: validate for theirs. */
  private present(outcome: Outcome, schema: Schema): CacheResult<unknown> {
    const value = outcome.schema === schema ? outcome.parsed : schema.parse(outcome.stored);
    return { value, status: outcome.status, tier: outcome.tier };
  }

  // ---------------------------------------------------------------- coherence

  private applyRemote(message: BusMessage): void {
    if (message.t === 'key') {
      const logical = logicalKey(message.ns, message.key);
      this.fenceLocal(logical);
    } else if (message.t === 'ns') {
      this.versions.observeNamespace(message.ns, message.ver, message.ep);
    } else if (message.t === 'tag') {
      this.versions.observeTag(message.ns, message.tag, message.ver, message.ep);
    }
  }

  /** Drop the local copy and make sure no in-flight fill for it is joined or stored locally. */
  private fenceLocal(logical: string): void {
    this.drops.droppedKey(logical);
    this.l1.delete(logical);
    for (const flightKey of [logical, `${logical}\u0000fresh`]) {
      const flight = this.flights.get(flightKey);
      if (flight) flight.fenced = true;
    }
  }

  /** Invalidations may have been missed (bus down or back, new generation): forget L1, re-read. */
  private distrustLocal(): void {
    this.drops.droppedEverything();
    this.l1.clear();
    void this.versions.refresh();
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Writes and invalidations must land: one retry absorbs a single slow command (a retried INCR
   * or tombstone that had in fact landed is harmless), then the caller is told.
   */
  private async mustReach<T>(
    operation: string,
    attempt: () => Promise<T | Unavailable>,
  ): Promise<T> {
    for (let tries = 0; tries < 2; tries += 1) {
      const result = await attempt();
      if (result !== unavailable) return result as T;
    }
    throw new CacheUnavailableError(operation);
  }

  private policyOf(namespace: string): ResolvedPolicy {
    const policy = this.policies.get(namespace);
    if (!policy) throw new CacheConfigError(`Unknown cache namespace ${JSON.stringify(namespace)}`);
    return policy;
  }

  /** Validate inputs and resolve the policy; synchronous so an L1 hit never waits on anything. */
  private prepare(
    options: { namespace: N; key: string; schema?: Schema; forceFresh?: boolean },
    tags: readonly string[] | undefined,
    overrides: { ttlMs?: number; graceMs?: number } = {},
  ): Call {
    const base = this.policyOf(options.namespace);
    assertIdentifier(options.key);
    if (tags) for (const tag of tags) assertIdentifier(tag, 'tag');
    const policy =
      overrides.ttlMs === undefined && overrides.graceMs === undefined
        ? base
        : {
            ...base,
            ttlMs: overrides.ttlMs ?? base.ttlMs,
            graceMs: overrides.graceMs ?? base.graceMs,
          };
    return {
      namespace: options.namespace,
      id: options.key,
      logical: logicalKey(options.namespace, options.key),
      policy,
      schema: options.schema as Schema,
      tags: tags ?? [],
      forceFresh: options.forceFresh ?? false,
      version: this.versions.namespace(options.namespace),
    };
  }

  /**
   * Only before the first version read has finished (startup, or Redis down since start). A
   * request waits at most one command timeout for it, then goes on without L2.
   */
  private async withVersion(call: Call): Promise<Call> {
    if (call.version !== undefined) return call;
    await this.initialVersions;
    return { ...call, version: this.versions.namespace(call.namespace) };
  }

  private async tagVersionsFor(call: Call): Promise<Record<string, number> | undefined> {
    if (call.tags.length === 0) return undefined;
    // Redis unreachable: record impossible versions so the entry never outlives an unseen bump.
    return (
      (await this.versions.tags(call.namespace, call.tags)) ??
      Object.fromEntries(call.tags.map((tag) => [tag, -1]))
    );
  }

  private newEnvelope(
    call: Call,
    value: unknown,
    negative: boolean,
    tags: Record<string, number> | undefined,
  ): Envelope {
    const now = Date.now();
    const ttl = jittered(
      negative ? call.policy.negativeTtlMs : call.policy.ttlMs,
      call.policy.jitter,
    );
    const freshUntil = now + ttl;
    return {
      f: this.newFence(),
      v: ENVELOPE_VERSION,
      value,
      createdAt: now,
      freshUntil,
      // Negative answers are cheap to recompute and likely to change: no grace for them.
      staleUntil: negative ? freshUntil : freshUntil + call.policy.graceMs,
      tags,
      neg: negative ? true : undefined,
    };
  }

  /** Unique across the fleet: instance id + a local counter. */
  private newFence(): string {
    this.fenceCounter += 1;
    return `${this.instanceId}.${this.fenceCounter.toString(36)}`;
  }
}

/** The value as an encoded envelope gives it back (a copy; undefined stays undefined). */
const jsonValue = (encoded: string, value: unknown): unknown =>
  value === undefined ? undefined : JSON.parse(encoded).value;
