import { decodeEnvelope, type Envelope } from './envelope';
import { unavailable } from './l2';
import type { CacheCore, Call } from './core';

/**
 * What one L2 read found. `fence` is the fence token L2 held ('' for nothing): what a later
 * fill must still find there.
 */
export type RemoteRead =
  | { kind: 'unavailable' }
  | { kind: 'none'; fence: string }
  | {
      kind: 'entry';
      fence: string;
      envelope: Envelope;
      parsed: unknown;
      sizeBytes: number;
      fresh: boolean;
    };

export const UNAVAILABLE_READ: RemoteRead = { kind: 'unavailable' };
const NOTHING_READ: RemoteRead = { kind: 'none', fence: '' };

/** Reads of L2 entries: decoded, checked against local versions, validated by the schema. */
export class RemoteReader {
  constructor(private readonly core: CacheCore) {}

  async read(call: Call): Promise<RemoteRead> {
    if (call.version === undefined) return UNAVAILABLE_READ;
    const raw = await this.core.store.get(
      this.core.keys.entry(call.namespace, call.version, call.id),
    );
    if (raw === unavailable) return UNAVAILABLE_READ;
    return this.interpret(call, raw);
  }

  /**
   * Decode + validate one L2 value; synchronous unless the entry's tags are unknown here (then
   * their versions are read). Corrupt or incompatible → counted, deleted, a miss.
   */
  interpret(call: Call, raw: string | null): RemoteRead | Promise<RemoteRead> {
    if (raw === null) return NOTHING_READ;
    const decoded = decodeEnvelope(raw);
    if (decoded.kind === 'tombstone') return { kind: 'none', fence: decoded.fence };
    if (decoded.kind === 'corrupt') return this.discardCorrupt(call, raw);
    const { envelope } = decoded;
    const now = Date.now();
    if (now >= envelope.staleUntil) return { kind: 'none', fence: envelope.f };
    const tagsCurrent = this.core.versions.tagsCurrent(call.namespace, envelope.tags);
    if (tagsCurrent === true) return this.accept(call, envelope, raw, now);
    if (tagsCurrent === false) return { kind: 'none', fence: envelope.f };
    return this.tagsCurrentInRedis(call.namespace, envelope.tags).then(
      (current): RemoteRead | Promise<RemoteRead> =>
        current ? this.accept(call, envelope, raw, now) : { kind: 'none', fence: envelope.f },
    );
  }

  private accept(
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
    this.core.stats.count(call.namespace, 'corrupt');
    if (call.version !== undefined) {
      await this.core.store.compareAndDelete(
        this.core.keys.entry(call.namespace, call.version, call.id),
        raw,
      );
    }
    return NOTHING_READ;
  }

  /** For tags this instance has not seen yet: read their versions and compare. */
  private async tagsCurrentInRedis(namespace: string, recorded: Record<string, number> = {}) {
    const current = await this.core.versions.tags(namespace, Object.keys(recorded));
    return (
      current !== undefined &&
      Object.entries(recorded).every(([tag, version]) => current[tag] === version)
    );
  }
}
