import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { KeyLayout } from './keys';
import { unavailable, type RedisStore } from './l2';

/** The token of a namespace version as it appears in entry keys: `${epoch}.${counter}`. */
export type VersionToken = string;

export const newEpochId = () => randomBytes(6).toString('base64url');

/**
 * Namespace and tag versions, known locally so an L2 hit costs one GET. Redis counters (INCR) are
 * the truth: no clocks compared across hosts, and the counter keys carry no TTL so they outlive
 * every entry they govern. Kept fresh by the bus, re-read after a reconnect and periodically.
 *
 * Two rules keep an invalidation from ever being undone:
 * - Within a generation, versions only move forward: a re-read whose reply was produced before a
 *   bump we already learned of (the bus is faster than a busy connection) must not roll it back.
 * - Counters live in a *generation* (the epoch key, a random id). If Redis loses its data
 *   (restart without persistence, failover to an empty replica, FLUSHALL, eviction) the epoch
 *   vanishes or a counter goes backwards; then a new generation starts, every entry key changes
 *   (the epoch is part of it) and this instance distrusts everything it holds locally.
 */
export class VersionBook {
  private epoch: string | undefined;
  private readonly counters = new Map<string, number>();
  private readonly tokens = new Map<string, VersionToken>();
  private readonly tagVersions: LRUCache<string, number>;
  /** Per namespace, the tag sequence as of our last `sync`: unchanged means no tag moved. */
  private readonly tagSequences = new Map<string, number>();
  private loading: Promise<boolean> | undefined;

  constructor(
    private readonly store: RedisStore,
    private readonly keys: KeyLayout,
    private readonly namespaces: readonly string[],
    /** Another generation: everything local (L1, flights) must be distrusted. */
    private readonly onGenerationChange: () => void,
    maxTags = 10_000,
  ) {
    this.tagVersions = new LRUCache({ max: maxTags });
  }

  /** Undefined until read from Redis: without it we cannot name the L2 key, so L2 is skipped. */
  namespace(namespace: string): VersionToken | undefined {
    return this.tokens.get(namespace);
  }

  get generation(): string | undefined {
    return this.epoch;
  }

  /** Last known counter of a namespace or tag in this generation (-1: unknown). */
  counter(namespace: string, tag?: string): number {
    const known =
      tag === undefined
        ? this.counters.get(namespace)
        : this.tagVersions.get(tagId(namespace, tag));
    return known ?? -1;
  }

  /** Read the epoch, every namespace version and the tags we know from Redis; coalesced. */
  refresh(): Promise<boolean> {
    this.loading ??= this.readAll().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async readAll(attempt = 0): Promise<boolean> {
    const askedEpoch = this.epoch;
    const tagIds = [...this.tagVersions.keys()];
    const asked = [
      ...this.namespaces.map((namespace) => this.counters.get(namespace) ?? 0),
      ...tagIds.map((id) => this.tagVersions.get(id) ?? 0),
    ];
    const values = await this.store.mget([
      this.keys.epoch,
      ...this.namespaces.map((namespace) => this.keys.namespaceVersion(namespace)),
      ...tagIds.map((id) => this.tagKey(id)),
    ]);
    if (values === unavailable) return false;
    // A bus message moved us to another generation meanwhile: this reply may predate it.
    if (this.epoch !== askedEpoch) return attempt < 3 ? this.readAll(attempt + 1) : false;
    const read = values.slice(1).map((value) => Number(value ?? 0));
    const epoch = values[0] ?? null;
    // A counter below what we knew when we asked was lost (evicted alone): its numbers would
    // repeat, so this generation ends.
    const regressed = epoch === this.epoch && read.some((value, index) => value < asked[index]!);
    if (epoch === null || regressed) {
      const settled = await this.store.settleEpoch(this.keys.epoch, newEpochId(), epoch ?? '');
      if (settled === unavailable) return false;
      this.adopt(settled, read, tagIds);
      return true;
    }
    if (epoch !== this.epoch) {
      this.adopt(epoch, read, tagIds);
      return true;
    }
    this.namespaces.forEach((namespace, index) =>
      this.observeNamespace(namespace, read[index]!, epoch),
    );
    tagIds.forEach((id, index) => this.raiseTag(id, read[this.namespaces.length + index]!));
    return true;
  }

  /** Take `epoch` with the counters read alongside it; a change from a known epoch distrusts. */
  private adopt(epoch: string, read: number[], tagIds: string[]): void {
    const changed = this.epoch !== undefined && this.epoch !== epoch;
    this.epoch = epoch;
    this.counters.clear();
    this.tokens.clear();
    this.tagVersions.clear();
    this.tagSequences.clear();
    this.namespaces.forEach((namespace, index) => this.setCounter(namespace, read[index]!));
    tagIds.forEach((id, index) => this.tagVersions.set(id, read[this.namespaces.length + index]!));
    if (changed) this.onGenerationChange();
  }

  /**
   * Told (by the bus, or a bump's reply) that the keyspace is in generation `epoch`. Another one
   * than ours: forget every local version (L2 is skipped until the re-read), distrust, re-read.
   * Returns whether `epoch` is (still) ours.
   */
  observeGeneration(epoch: string): boolean {
    if (epoch === this.epoch) return true;
    this.epoch = epoch;
    this.counters.clear();
    this.tokens.clear();
    this.tagVersions.clear();
    this.tagSequences.clear();
    this.onGenerationChange();
    void this.refresh();
    return false;
  }

  /**
   * Straight from Redis, not from the bus: the namespace's version and, when any of its tags
   * moved since the last sync (one sequence counter says so), the tags of it known here. Once
   * this resolves true, every invalidation of the namespace that returned anywhere before the
   * call began is honoured by this instance. Never coalesced with a read already on its way:
   * that one may predate the invalidation. False when Redis could not answer.
   */
  async sync(namespace: string): Promise<boolean> {
    const epoch = this.epoch;
    if (epoch === undefined) return this.refresh();
    const values = await this.store.mget([
      this.keys.epoch,
      this.keys.namespaceVersion(namespace),
      this.keys.tagSequence(namespace),
    ]);
    if (values === unavailable) return false;
    // Another generation (or none: Redis lost its data): nothing local may be trusted.
    if (values[0] !== epoch) {
      if (values[0]) this.observeGeneration(values[0]);
      return this.refresh();
    }
    this.observeNamespace(namespace, Number(values[1] ?? 0), epoch);
    const sequence = Number(values[2] ?? 0);
    if (this.tagSequences.get(namespace) === sequence) return true;
    const ids = [...this.tagVersions.keys()].filter((id) => id.startsWith(`${namespace}\u0000`));
    const read = ids.length === 0 ? [] : await this.store.mget(ids.map((id) => this.tagKey(id)));
    if (read === unavailable) return false;
    if (this.epoch !== epoch) return this.refresh();
    ids.forEach((id, index) => this.raiseTag(id, Number(read[index] ?? 0)));
    this.tagSequences.set(namespace, sequence);
    return true;
  }

  /** Current versions of `tags`, reading unknown ones from Redis; undefined if Redis is unreachable. */
  async tags(
    namespace: string,
    tags: readonly string[],
  ): Promise<Record<string, number> | undefined> {
    const result: Record<string, number> = {};
    const missing: string[] = [];
    for (const tag of tags) {
      const known = this.tagVersions.get(tagId(namespace, tag));
      if (known === undefined) missing.push(tag);
      else result[tag] = known;
    }
    if (missing.length === 0) return result;
    const epoch = this.epoch;
    const values = await this.store.mget([
      this.keys.epoch,
      ...missing.map((tag) => this.keys.tagVersion(namespace, tag)),
    ]);
    if (values === unavailable || epoch === undefined) return undefined;
    if (values[0] !== epoch) {
      if (values[0]) this.observeGeneration(values[0]);
      else void this.refresh();
      return undefined;
    }
    missing.forEach((tag, index) => {
      const version = Number(values[index + 1] ?? 0);
      this.observeTag(namespace, tag, version, epoch);
      result[tag] = version;
    });
    return result;
  }

  /**
   * Whether the tag versions recorded in an entry are all still current, from local knowledge
   * only; undefined when some tag is unknown here (the caller then asks `tags()`).
   */
  tagsCurrent(
    namespace: string,
    recorded: Record<string, number> | undefined,
  ): boolean | undefined {
    if (!recorded) return true;
    for (const tag in recorded) {
      const known = this.tagVersions.get(tagId(namespace, tag));
      if (known === undefined) return undefined;
      if (known !== recorded[tag]) return false;
    }
    return true;
  }

  /** Versions only move forward within a generation: bus messages and replies arrive late. */
  observeNamespace(namespace: string, version: number, epoch: string): void {
    if (!this.observeGeneration(epoch)) return;
    if (version > (this.counters.get(namespace) ?? -1)) this.setCounter(namespace, version);
  }

  observeTag(namespace: string, tag: string, version: number, epoch: string): void {
    if (this.observeGeneration(epoch)) this.raiseTag(tagId(namespace, tag), version);
  }

  private raiseTag(id: string, version: number): void {
    if (version > (this.tagVersions.get(id) ?? -1)) this.tagVersions.set(id, version);
  }

  private setCounter(namespace: string, version: number): void {
    this.counters.set(namespace, version);
    this.tokens.set(namespace, `${this.epoch}.${version}`);
  }

  private tagKey(id: string): string {
    const separator = id.indexOf('\u0000');
    return this.keys.tagVersion(id.slice(0, separator), id.slice(separator + 1));
  }
}

const tagId = (namespace: string, tag: string) => `${namespace}\u0000${tag}`;
