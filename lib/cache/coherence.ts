import type { BusMessage } from './bus';
import type { CacheCore } from './core';
import { assertIdentifier } from './keys';
import { logicalKey } from './l1';
import { newEpochId } from './versions';

/**
 * Keeping every instance's local state honest: versions (namespace and tag bumps, forward only,
 * within a keyspace generation), the bus that carries invalidations, and distrust of everything
 * local whenever an invalidation may have been missed (bus down or back, breaker closing after
 * an outage, a new generation).
 */
export class Coherence {
  constructor(private readonly core: CacheCore) {}

  applyRemote(message: BusMessage): void {
    const { versions } = this.core;
    if (message.t === 'key') this.fenceLocal(logicalKey(message.ns, message.key));
    else if (message.t === 'ns') versions.observeNamespace(message.ns, message.ver, message.ep);
    else if (message.t === 'tag') {
      versions.observeTag(message.ns, message.tag, message.ver, message.ep);
    }
  }

  /** Drop the local copy and make sure no in-flight fill for it is joined or stored locally. */
  fenceLocal(logical: string): void {
    this.core.drops.droppedKey(logical);
    this.core.l1.delete(logical);
    for (const flightKey of [logical, `${logical}\u0000fresh`]) {
      const flight = this.core.flights.get(flightKey);
      if (flight) flight.fenced = true;
    }
  }

  /** Invalidations may have been missed (bus down or back, new generation): forget L1, re-read. */
  distrustLocal(): void {
    this.core.drops.droppedEverything();
    this.core.l1.clear();
    void this.core.versions.refresh();
  }

  /** O(1) whatever the namespace holds: one bump orphans every entry (they age out by TTL). */
  async invalidateNamespace(namespace: string): Promise<void> {
    this.core.policyOf(namespace);
    await this.core.initialVersions;
    const { epoch, counter } = await this.bump('invalidateNamespace', namespace);
    this.core.versions.observeNamespace(namespace, counter, epoch);
    this.core.stats.count(namespace, 'invalidations');
    await this.core.bus.publish({ t: 'ns', ns: namespace, ver: counter, ep: epoch });
  }

  /** O(1): entries record the tag versions they were filled under; a bump makes them misses. */
  async invalidateTag(namespace: string, tag: string): Promise<void> {
    this.core.policyOf(namespace);
    assertIdentifier(tag, 'tag');
    await this.core.initialVersions;
    const { epoch, counter } = await this.bump('invalidateTag', namespace, tag);
    this.core.versions.observeTag(namespace, tag, counter, epoch);
    this.core.stats.count(namespace, 'invalidations');
    await this.core.bus.publish({ t: 'tag', ns: namespace, tag, ver: counter, ep: epoch });
  }

  /**
   * Catch up with Redis itself rather than the bus (see `VersionBook.sync`): for a caller that
   * must honour every invalidation that returned before it asked, whatever the bus delivered.
   */
  syncNamespace(namespace: string): Promise<boolean> {
    this.core.policyOf(namespace);
    return this.core.versions.sync(namespace);
  }

  /** INCR within the generation; a counter that went backwards starts a new one (versions.ts). */
  private bump(operation: string, namespace: string, tag?: string) {
    const { keys, store, versions } = this.core;
    const counterKey =
      tag === undefined ? keys.namespaceVersion(namespace) : keys.tagVersion(namespace, tag);
    const sequenceKey = tag === undefined ? undefined : keys.tagSequence(namespace);
    return this.core.mustReach(operation, () =>
      store.bumpVersion(
        keys.epoch,
        counterKey,
        {
          freshEpoch: newEpochId(),
          epoch: versions.generation ?? '',
          known: versions.counter(namespace, tag),
        },
        sequenceKey,
      ),
    );
  }
}
