import type { z } from 'zod';
import { prepareCall, withVersion } from './calls';
import type { CacheCore, Call, Loader, Outcome, Schema } from './core';
import { decodeEnvelope } from './envelope';
import type { Fills } from './fills';
import { unavailable } from './l2';
import { checkLocal, present, remember } from './local-entries';
import { UNAVAILABLE_READ, type RemoteReader } from './remote-read';
import type { VersionToken } from './versions';
import type {
  CacheResult,
  GetManyOptions,
  GetOptions,
  GetOrSetOptions,
  InspectResult,
} from './types';

/**
 * The read path: L1 → one GET → (one in-process flight per key) → loader. An L1 hit is
 * synchronous; an L2 hit is one GET decoded and checked in one async frame, no flight set up.
 */
export class ReadPath {
  constructor(
    private readonly core: CacheCore,
    private readonly remote: RemoteReader,
    private readonly fills: Fills,
  ) {}

  async getOrSet<S extends Schema>(
    options: GetOrSetOptions<string, S>,
  ): Promise<CacheResult<z.output<S>>> {
    const { core } = this;
    let call = prepareCall(core, options, options.tags, options);
    if (call.version === undefined) call = await withVersion(core, call);
    // The schema ties loader and value types together for callers; the engine works on unknown.
    const loader = options.loader as Loader;
    const forceFresh = call.forceFresh;
    const local = core.l1.get(call.logical);
    const found = local && checkLocal(core, call, local);
    if (found && !forceFresh) {
      if (found.fresh) {
        core.stats.tier(call.namespace, 'l1', 'hit');
        core.stats.answered(call.namespace, 'hit');
        return { value: found.parsed as z.output<S>, status: 'hit', tier: 'l1' };
      }
      core.stats.tier(call.namespace, 'l1', 'stale');
      if (call.policy.staleWhileRevalidate) {
        if (!core.throttle.blocked(call.logical)) void this.fills.join(call, loader, local);
        core.stats.answered(call.namespace, 'stale');
        return { value: found.parsed as z.output<S>, status: 'stale', tier: 'l1' };
      }
    } else if (!forceFresh) {
      core.stats.tier(call.namespace, 'l1', 'miss');
      // The lean L2 path, inline so an L2 hit is one async frame: one GET, decoded and checked
      // synchronously (tags against local versions), no flight set up. Only when a load has to
      // follow does the read join (or start) a flight, handing over what it read: still one GET.
      if (call.version !== undefined && !core.flights.has(call.logical)) {
        const since = core.drops.now();
        const raw = await core.store.get(core.keys.entry(call.namespace, call.version, call.id));
        let remote = raw === unavailable ? UNAVAILABLE_READ : this.remote.interpret(call, raw);
        if (remote instanceof Promise) remote = await remote;
        const keepable = core.drops.keepable(call.logical, since);
        if (remote.kind === 'entry' && remote.fresh) {
          core.stats.tier(call.namespace, 'l2', 'hit');
          core.stats.answered(call.namespace, 'hit');
          if (keepable) remember(core, call, remote.envelope, remote.sizeBytes, remote.parsed);
          return { value: remote.parsed as z.output<S>, status: 'hit', tier: 'l2' };
        }
        // Dropped during the GET: the flight reads again, as what we read may be what was dropped.
        const flight = this.fills.join(call, loader, undefined, keepable ? remote : undefined);
        return this.served(call, flight) as Promise<CacheResult<z.output<S>>>;
      }
    }
    const flight = this.fills.join(call, loader, found ? local : undefined);
    return this.served(call, flight) as Promise<CacheResult<z.output<S>>>;
  }

  /**
   * The caller's answer from a flight (its own or one it joined): the read is counted here, once,
   * by that answer, whatever the flight counted per tier. A load that fails leaves the read a miss.
   */
  private async served(call: Call, flight: Promise<Outcome>): Promise<CacheResult<unknown>> {
    let outcome: Outcome;
    try {
      outcome = await flight;
    } catch (error) {
      this.core.stats.answered(call.namespace, 'miss');
      throw error;
    }
    this.core.stats.answered(call.namespace, outcome.status);
    return present(outcome, call.schema);
  }

  async get<S extends Schema>(
    options: GetOptions<string, S>,
  ): Promise<CacheResult<z.output<S>> | undefined> {
    const { core } = this;
    const call = await withVersion(
      core,
      prepareCall(core, { ...options, forceFresh: false }, undefined),
    );
    const local = core.l1.get(call.logical);
    const found = local && checkLocal(core, call, local);
    if (found?.fresh) {
      core.stats.tier(call.namespace, 'l1', 'hit');
      core.stats.answered(call.namespace, 'hit');
      return { value: found.parsed as z.output<S>, status: 'hit', tier: 'l1' };
    }
    core.stats.tier(call.namespace, 'l1', found ? 'stale' : 'miss');
    // Stale locally: another instance may have refreshed it already, so ask L2 first.
    const since = core.drops.now();
    const remote = await this.remote.read(call);
    if (remote.kind === 'entry') {
      core.stats.tier(call.namespace, 'l2', remote.fresh ? 'hit' : 'stale');
      core.stats.answered(call.namespace, remote.fresh ? 'hit' : 'stale');
      if (core.drops.keepable(call.logical, since)) {
        remember(core, call, remote.envelope, remote.sizeBytes, remote.parsed);
      }
      return {
        value: remote.parsed as z.output<S>,
        status: remote.fresh ? 'hit' : 'stale',
        tier: 'l2',
      };
    }
    if (remote.kind === 'none') core.stats.tier(call.namespace, 'l2', 'miss');
    if (remote.kind === 'unavailable' && found) {
      core.stats.answered(call.namespace, 'stale');
      return { value: found.parsed as z.output<S>, status: 'stale', tier: 'l1' };
    }
    core.stats.answered(call.namespace, 'miss');
    return undefined;
  }

  /**
   * Fresh L1 hits answer at once; everything else is one MGET. A value stale in L1 is looked up
   * in L2 too (another instance may have refreshed it) and served stale only if Redis cannot say.
   */
  async getMany<S extends Schema>(
    options: GetManyOptions<string, S>,
  ): Promise<Map<string, z.output<S>>> {
    // Each distinct key once: a repeated key is one read, not one per mention.
    const keys = new Set(options.keys);
    const found = await this.lookUpMany(options, keys);
    // Hits and stale answers are counted as they are found; every other key was a miss.
    for (let missed = keys.size - found.size; missed > 0; missed -= 1) {
      this.core.stats.answered(options.namespace, 'miss');
    }
    return found as Map<string, z.output<S>>;
  }

  private async lookUpMany(
    options: GetManyOptions<string, Schema>,
    keys: ReadonlySet<string>,
  ): Promise<Map<string, unknown>> {
    const { core } = this;
    const found = new Map<string, unknown>();
    const remoteCalls: Call[] = [];
    const staleLocal = new Map<string, unknown>();
    const serve = (call: Call, value: unknown, result: 'hit' | 'stale') => {
      core.stats.answered(call.namespace, result);
      found.set(call.id, value);
    };
    for (const key of keys) {
      const call = await withVersion(
        core,
        prepareCall(core, { ...options, key, forceFresh: false }, undefined),
      );
      const local = core.l1.get(call.logical);
      const hit = local && checkLocal(core, call, local);
      core.stats.tier(call.namespace, 'l1', hit ? (hit.fresh ? 'hit' : 'stale') : 'miss');
      if (hit?.fresh) serve(call, hit.parsed, 'hit');
      else if (call.version !== undefined) {
        remoteCalls.push(call);
        if (hit) staleLocal.set(key, hit.parsed);
      } else if (hit) serve(call, hit.parsed, 'stale');
    }
    if (remoteCalls.length === 0) return found;
    const since = core.drops.now();
    const raws = await core.store.mget(
      remoteCalls.map((call) =>
        core.keys.entry(call.namespace, call.version as VersionToken, call.id),
      ),
    );
    if (raws === unavailable) {
      for (const call of remoteCalls) {
        if (staleLocal.has(call.id)) serve(call, staleLocal.get(call.id), 'stale');
      }
      return found;
    }
    await Promise.all(
      remoteCalls.map(async (call, index) => {
        const remote = await this.remote.interpret(call, raws[index] ?? null);
        if (remote.kind !== 'entry') {
          core.stats.tier(call.namespace, 'l2', 'miss');
          return;
        }
        core.stats.tier(call.namespace, 'l2', remote.fresh ? 'hit' : 'stale');
        if (core.drops.keepable(call.logical, since)) {
          remember(core, call, remote.envelope, remote.sizeBytes, remote.parsed);
        }
        serve(call, remote.parsed, remote.fresh ? 'hit' : 'stale');
      }),
    );
    return found;
  }

  async inspect(namespace: string, key: string): Promise<InspectResult | null> {
    const { core } = this;
    const call = await withVersion(
      core,
      prepareCall(core, { namespace, key, forceFresh: false }, undefined),
    );
    if (call.version === undefined) return null;
    const redisKey = core.keys.entry(namespace, call.version, key);
    const reply = await core.store.run((client) =>
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
}
