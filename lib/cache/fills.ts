import { newEnvelope, tagVersionsFor } from './calls';
import {
  UNKNOWN_VERSION,
  type CacheCore,
  type Call,
  type Flight,
  type Loader,
  type Outcome,
} from './core';
import { encodeEnvelope, fencePrefix, type Envelope } from './envelope';
import { CacheLoaderError, CacheLoaderTimeoutError } from './errors';
import type { LocalEntry } from './l1';
import { delay } from './loader';
import { remember, staleOutcomeOf } from './local-entries';
import type { RemoteReader, RemoteRead } from './remote-read';

/** One fill on its way: what each step needs, passed as one object rather than loose arguments. */
interface Fill {
  call: Call;
  flight: Flight;
  loader: Loader;
  /** The stale value to serve if the loader is slow or fails (SWR, fail-safe). */
  fallback: Outcome | undefined;
  /** The fence prefix L2 held before the loader ran ('' for nothing): what the write compares. */
  fence: string;
  /** Answer the flight's callers now (stale) while the load goes on. */
  answerEarly: (outcome: Outcome) => void;
}

/**
 * Flights and fills: one lookup-and-load per key at a time in this process, a Redis lease
 * against fleet-wide stampedes, the loader under its timeouts, and the fenced write of its
 * result to L2 and L1.
 */
export class Fills {
  constructor(
    private readonly core: CacheCore,
    private readonly remote: RemoteReader,
  ) {}

  /**
   * A flight started before the key was invalidated (version bumped, or fenced by
   * delete/expire/set) is not joined: late callers must not receive what the invalidation was
   * meant to remove.
   */
  join(
    call: Call,
    loader: Loader,
    localFallback: LocalEntry | undefined,
    alreadyRead?: RemoteRead,
  ): Promise<Outcome> {
    const { flights, stats } = this.core;
    const flightKey = call.forceFresh ? `${call.logical}\u0000fresh` : call.logical;
    const existing = flights.get(flightKey);
    if (existing && !existing.fenced && existing.version === call.version) {
      stats.count(call.namespace, 'coalesced');
      return existing.answer;
    }
    let answerEarly!: (outcome: Outcome) => void;
    let fail!: (error: unknown) => void;
    const answer = new Promise<Outcome>((resolve, reject) => {
      answerEarly = resolve;
      fail = reject;
    });
    const flight: Flight = { version: call.version, fenced: false, answer };
    flights.set(flightKey, flight);
    const fallback = localFallback ? staleOutcomeOf(localFallback, call.schema, 'l1') : undefined;
    // One reaction per outcome rather than a then/finally chain: a miss is a chain of promises
    // already, and each link is an allocation.
    this.fly({ call, flight, loader, fallback, fence: '', answerEarly }, alreadyRead).then(
      (outcome) => {
        answerEarly(outcome);
        this.land(flightKey, flight);
      },
      (error: unknown) => {
        fail(error);
        this.land(flightKey, flight);
      },
    );
    // A background refresh has nobody awaiting it; its failures are counted, not thrown.
    answer.catch(ignore);
    return answer;
  }

  private land(flightKey: string, flight: Flight): void {
    const { flights } = this.core;
    if (flights.get(flightKey) === flight) flights.delete(flightKey);
  }

  private async fly(fill: Fill, alreadyRead: RemoteRead | undefined): Promise<Outcome> {
    const { call, flight } = fill;
    const { stats, throttle } = this.core;
    const remote = alreadyRead ?? (await this.remote.read(call));
    if (remote.kind === 'entry') {
      if (!call.forceFresh) stats.tier(call.namespace, 'l2', remote.fresh ? 'hit' : 'stale');
      if (!flight.fenced) {
        remember(this.core, call, remote.envelope, remote.sizeBytes, remote.parsed);
      }
      const outcome = entryOutcome(call, remote, remote.fresh ? 'hit' : 'stale');
      if (remote.fresh && !call.forceFresh) return outcome;
      fill.fallback = { ...outcome, status: 'stale' };
    } else if (remote.kind === 'none' && !call.forceFresh) {
      stats.tier(call.namespace, 'l2', 'miss');
    }
    const { fallback } = fill;
    // Fail-safe throttle: the upstream failed a moment ago, so the stale value is the answer.
    if (fallback && !call.forceFresh && throttle.blocked(call.logical)) return fallback;
    if (fallback && !call.forceFresh && call.policy.staleWhileRevalidate)
      fill.answerEarly(fallback);
    else if (fallback) void delay(call.policy.softTimeoutMs).then(() => fill.answerEarly(fallback));
    fill.fence = remote.kind === 'unavailable' || !remote.fence ? '' : fencePrefix(remote.fence);
    try {
      return await this.load(fill);
    } catch (error) {
      stats.count(call.namespace, 'loaderErrors');
      if (!fallback) throw error;
      // Fail-safe: keep serving the stale value, and don't hammer a failing upstream.
      throttle.block(call.logical);
      return fallback;
    }
  }

  /** Without a lease, straight to the loader: no frame of its own. */
  private load(fill: Fill): Promise<Outcome> {
    return fill.call.policy.lease ? this.loadUnderLease(fill) : this.loadAndStore(fill);
  }

  private async loadUnderLease(fill: Fill): Promise<Outcome> {
    const { call, flight } = fill;
    const { leases } = this.core;
    let lease = await leases.acquire(call);
    try {
      if (lease?.held === false) {
        // Another instance is loading this key. With stale at hand, serve it; else wait for theirs.
        if (fill.fallback) return fill.fallback;
        this.core.stats.count(call.namespace, 'coalesced');
        const waited = await leases.awaitHolder(call, lease, () => this.remote.read(call));
        if (waited.kind === 'value') {
          const { read } = waited;
          if (!flight.fenced) remember(this.core, call, read.envelope, read.sizeBytes, read.parsed);
          return entryOutcome(call, read, 'hit');
        }
        // The holder is gone and we took its place (or we gave up waiting): load ourselves.
        if (waited.kind === 'took-over') lease = waited.lease;
      }
      return await this.loadAndStore(fill);
    } finally {
      if (lease?.held) leases.release(lease);
    }
  }

  private async loadAndStore(fill: Fill): Promise<Outcome> {
    const { call } = fill;
    const { stats } = this.core;
    // Read tag versions BEFORE the loader: an invalidation during it makes this fill stale.
    // Without tags there is nothing to read, and no await (a miss is a chain of them already).
    const tagVersions = call.tags.length === 0 ? undefined : await tagVersionsFor(this.core, call);
    stats.count(call.namespace, 'loaderCalls');
    const started = performance.now();
    let result;
    try {
      result = await this.core.loaders.run(fill.loader, {
        namespace: call.namespace,
        key: call.id,
        hardTimeoutMs: call.policy.hardTimeoutMs,
        stale: fill.fallback?.parsed,
      });
    } catch (error) {
      if (error instanceof CacheLoaderTimeoutError) stats.count(call.namespace, 'loaderTimeouts');
      throw error;
    } finally {
      stats.loaderLatency(call.namespace, performance.now() - started);
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
    const envelope = newEnvelope(this.core, call, value, negative, tagVersions);
    const encoded = encodeEnvelope(envelope);
    // L1 and L2 hand out what JSON gives back: the value is decoded from `encoded` if ever needed.
    envelope.value = undefined;
    await this.store(fill, envelope, encoded, parsed.data);
    return {
      stored: undefined,
      encoded,
      parsed: parsed.data,
      schema: call.schema,
      status: 'miss',
      tier: 'loader',
    };
  }

  /** Write a fill to L2 (fenced) and L1, unless an invalidation happened while it loaded. */
  private async store(fill: Fill, envelope: Envelope, encoded: string, parsed: unknown) {
    const { call } = fill;
    const { store, keys, stats } = this.core;
    if (!this.stillCurrent(fill, envelope)) return;
    if (call.version !== undefined) {
      const written = await store.fencedSet(
        keys.entry(call.namespace, call.version, call.id),
        fill.fence,
        encoded,
        envelope.staleUntil - Date.now(),
      );
      if (written === false) return; // refused by the fence: a delete/expire/newer write won
      if (written === true) stats.wrote(call.namespace, call.id);
    }
    if (this.stillCurrent(fill, envelope)) {
      remember(this.core, call, envelope, encoded.length, parsed, encoded);
    }
  }

  /** No invalidation of the key, its namespace or its tags since the fill began. */
  private stillCurrent({ call, flight }: Fill, envelope: Envelope): boolean {
    const { versions } = this.core;
    return (
      !flight.fenced &&
      (call.version ?? UNKNOWN_VERSION) ===
        (versions.namespace(call.namespace) ?? UNKNOWN_VERSION) &&
      versions.tagsCurrent(call.namespace, envelope.tags) !== false
    );
  }
}

function ignore(): void {}

function entryOutcome(
  call: Call,
  read: Extract<RemoteRead, { kind: 'entry' }>,
  status: Outcome['status'],
): Outcome {
  return {
    stored: read.envelope.value,
    parsed: read.parsed,
    schema: call.schema,
    status,
    tier: 'l2',
  };
}
