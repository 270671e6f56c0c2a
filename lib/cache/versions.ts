import { LRUCache } from 'lru-cache';
import type { KeyLayout } from './keys';
import { unavailable, type RedisStore } from './l2';

/**
 * Namespace and tag versions, known locally so an L2 hit costs one GET. Redis counters (INCR) are
 * the truth: no clocks compared across hosts, and the counter keys carry no TTL so they outlive
 * every entry they govern. Kept fresh by the bus, re-read after a reconnect and periodically.
 */
export class VersionBook {
  private readonly namespaceVersions = new Map<string, number>();
  private readonly tagVersions: LRUCache<string, number>;
  private loading: Promise<boolean> | undefined;

  constructor(
    private readonly store: RedisStore,
    private readonly keys: KeyLayout,
    private readonly namespaces: readonly string[],
    maxTags = 10_000,
  ) {
    this.tagVersions = new LRUCache({ max: maxTags });
  }

  /** Undefined until read from Redis: without it we cannot name the L2 key, so L2 is skipped. */
  namespace(namespace: string): number | undefined {
    return this.namespaceVersions.get(namespace);
  }

  get loaded(): boolean {
    return this.namespaceVersions.size === this.namespaces.length;
  }

  /**
   * Read every namespace version (and the tags we know) from Redis; coalesced. Overwrites rather
   * than moving forward: if Redis lost its data, its (lower) counters are the truth now.
   */
  refresh(): Promise<boolean> {
    this.loading ??= this.readAll().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async readAll(): Promise<boolean> {
    const tagIds = [...this.tagVersions.keys()];
    const keys = [
      ...this.namespaces.map((namespace) => this.keys.namespaceVersion(namespace)),
      ...tagIds.map((id) => this.tagKey(id)),
    ];
    const values = await this.store.mget(keys);
    if (values === unavailable) return false;
    this.namespaces.forEach((namespace, index) =>
      this.namespaceVersions.set(namespace, Number(values[index] ?? 0)),
    );
    tagIds.forEach((id, index) =>
      this.tagVersions.set(id, Number(values[this.namespaces.length + index] ?? 0)),
    );
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
    const values = await this.store.mget(
      missing.map((tag) => this.keys.tagVersion(namespace, tag)),
    );
    if (values === unavailable) return undefined;
    missing.forEach((tag, index) => {
      const version = Number(values[index] ?? 0);
      this.observeTag(namespace, tag, version);
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

  /** Versions only move forward: bus messages may arrive late or out of order. */
  observeNamespace(namespace: string, version: number): void {
    if (version > (this.namespaceVersions.get(namespace) ?? -1)) {
      this.namespaceVersions.set(namespace, version);
    }
  }

  observeTag(namespace: string, tag: string, version: number): void {
    const id = tagId(namespace, tag);
    if (version > (this.tagVersions.get(id) ?? -1)) this.tagVersions.set(id, version);
  }

  private tagKey(id: string): string {
    const separator = id.indexOf('\u0000');
    return this.keys.tagVersion(id.slice(0, separator), id.slice(separator + 1));
  }
}

const tagId = (namespace: string, tag: string) => `${namespace}\u0000${tag}`;
