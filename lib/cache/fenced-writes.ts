import { newEnvelope, prepareCall, tagVersionsFor } from './calls';
import type { Coherence } from './coherence';
import type { CacheCore, Call } from './core';
import { decodeEnvelope, encodeEnvelope, encodeTombstone, fencePrefix } from './envelope';
import { CacheUnavailableError } from './errors';
import { unavailable } from './l2';
import { remember } from './local-entries';
import type { SetOptions } from './types';

/** A delete's tombstone must outlive any loader that started before it: its hard timeout + margin. */
const TOMBSTONE_MARGIN_MS = 5000;

/**
 * set, delete and expire: writes that must land (or throw CacheUnavailableError) and must never
 * be undone by a write that was issued before them, whenever that one arrives.
 */
export class FencedWrites {
  constructor(
    private readonly core: CacheCore,
    private readonly coherence: Coherence,
  ) {}

  /**
   * Fenced by order, not arrival: the write is conditioned on the value it found, so a write
   * that timed out (reported as CacheUnavailableError) but was already on the wire is refused
   * if anything was written after it was issued, instead of landing over a newer value.
   */
  async set(options: SetOptions<string>): Promise<void> {
    const { core } = this;
    const { call, redisKey } = await this.begin(options, 'set', options.tags);
    const tagVersions = await tagVersionsFor(core, call);
    const envelope = newEnvelope(core, call, options.value, false, tagVersions);
    const encoded = encodeEnvelope(envelope);
    // L1 keeps what JSON gives back, as from L2 (no shared object, Date/NaN as elsewhere): the
    // value is decoded from `encoded` when first read.
    envelope.value = undefined;
    const ttlMs = envelope.staleUntil - envelope.createdAt;
    const written = await core.mustReach('set', async () => {
      const found = await core.store.get(redisKey);
      if (found === unavailable) return unavailable;
      const current = found === null ? undefined : decodeEnvelope(found);
      if (current?.kind === 'corrupt') return core.store.set(redisKey, encoded, ttlMs);
      const fence =
        current === undefined
          ? ''
          : fencePrefix(current.kind === 'entry' ? current.envelope.f : current.fence);
      return core.store.fencedSet(redisKey, fence, encoded, ttlMs);
    });
    if (written !== false) {
      core.stats.wrote(call.namespace, call.id);
      remember(core, call, envelope, encoded.length, undefined, encoded);
    }
    await core.bus.publish({ t: 'key', ns: call.namespace, key: call.id });
  }

  async delete(namespace: string, key: string): Promise<void> {
    const { call, redisKey } = await this.begin({ namespace, key }, 'delete');
    await this.core.mustReach('delete', () => this.writeTombstone(call, redisKey));
    this.core.stats.count(namespace, 'invalidations');
    await this.core.bus.publish({ t: 'key', ns: namespace, key });
  }

  /**
   * Keeps the value, but stale: served for grace (while a refresh runs), then gone. Fences as
   * strongly as delete: with nothing to rewrite (or a rewrite refused because a fill landed
   * meanwhile) it leaves a tombstone, so a fill that started before it cannot land as fresh.
   */
  async expire(namespace: string, key: string): Promise<void> {
    const { core } = this;
    const { call, redisKey } = await this.begin({ namespace, key }, 'expire');
    await core.mustReach<unknown>('expire', async () => {
      const raw = await core.store.get(redisKey);
      if (raw === unavailable) return unavailable;
      const decoded = raw === null ? undefined : decodeEnvelope(raw);
      if (decoded?.kind === 'tombstone') return true;
      const now = Date.now();
      if (decoded?.kind === 'entry' && decoded.envelope.staleUntil > now) {
        const staleUntil = Math.min(decoded.envelope.staleUntil, now + call.policy.graceMs);
        const expired = { ...decoded.envelope, f: core.newFence(), freshUntil: now, staleUntil };
        const rewritten = await core.store.fencedSet(
          redisKey,
          fencePrefix(decoded.envelope.f),
          encodeEnvelope(expired),
          Math.max(1, staleUntil - now),
        );
        if (rewritten !== false) return rewritten;
      }
      return this.writeTombstone(call, redisKey);
    });
    core.stats.count(namespace, 'invalidations');
    await core.bus.publish({ t: 'key', ns: namespace, key });
  }

  /**
   * The shared start of set, delete and expire: the key's current Redis name, with this
   * instance's own in-flight fills fenced off first so none of them can write the old value back
   * afterwards. Versions unknown (started during an outage, or a new generation): read them now
   * rather than refusing until the periodic refresh.
   */
  private async begin(
    options: { namespace: string; key: string; ttlMs?: number; graceMs?: number },
    operation: 'set' | 'delete' | 'expire',
    tags?: readonly string[],
  ): Promise<{ call: Call; redisKey: string }> {
    const { core } = this;
    // Waits for start-up (bounded by the connect timeout): a write issued right after
    // createCache would otherwise find no connection and fail against a healthy Redis.
    await core.initialVersions;
    const call = prepareCall(core, { ...options, forceFresh: false }, tags, options);
    this.coherence.fenceLocal(call.logical);
    if (call.version === undefined) {
      await core.versions.refresh();
      call.version = core.versions.namespace(call.namespace);
    }
    if (call.version === undefined) throw new CacheUnavailableError(operation);
    return { call, redisKey: core.keys.entry(call.namespace, call.version, call.id) };
  }

  /** A tombstone: gone everywhere, and a fill that started before it is refused. */
  private writeTombstone(call: Call, redisKey: string) {
    const ttlMs = call.policy.hardTimeoutMs + TOMBSTONE_MARGIN_MS;
    return this.core.store.set(redisKey, encodeTombstone(this.core.newFence()), ttlMs);
  }
}
