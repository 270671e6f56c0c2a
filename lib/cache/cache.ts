import type { z } from 'zod';
import { Coherence } from './coherence';
import { CacheCore, type Schema } from './core';
import { FencedWrites } from './fenced-writes';
import { Fills } from './fills';
import { ReadPath } from './read-path';
import { RemoteReader } from './remote-read';
import type { StatsRecorder } from './stats';
import type {
  Cache,
  CacheHealth,
  CacheOptions,
  CacheResult,
  GetManyOptions,
  GetOptions,
  GetOrSetOptions,
  InspectResult,
  SetOptions,
} from './types';

export function createCache<N extends string>(options: CacheOptions<N>): Cache<N> {
  return new TieredCache(options);
}

/**
 * The public facade. Each guarantee lives in a room of its own: the read path (`read-path.ts`,
 * L1 → L2 → flight), flights and fills (`fills.ts`, with the lease in `lease.ts`), fenced writes
 * (`fenced-writes.ts`), coherence (`coherence.ts` + `versions.ts` + `bus.ts`: versions, the
 * keyspace generation, the bus, distrust), statistics (`stats.ts`); `core.ts` holds what they
 * share.
 */
class TieredCache<N extends string> implements Cache<N> {
  readonly namespaces: readonly N[];
  readonly instanceId: string;
  readonly stats: StatsRecorder<N>;
  private readonly core: CacheCore;
  private readonly coherence: Coherence;
  private readonly reads: ReadPath;
  private readonly writes: FencedWrites;

  constructor(options: CacheOptions<N>) {
    // The core calls back into coherence (bus messages, distrust), which is built on the core.
    const hooks = {
      onBusMessage: (message: Parameters<Coherence['applyRemote']>[0]) =>
        this.coherence.applyRemote(message),
      distrust: () => this.coherence.distrustLocal(),
    };
    this.core = new CacheCore(options as CacheOptions<string>, hooks);
    this.coherence = new Coherence(this.core);
    const remote = new RemoteReader(this.core);
    this.reads = new ReadPath(this.core, remote, new Fills(this.core, remote));
    this.writes = new FencedWrites(this.core, this.coherence);
    this.namespaces = this.core.namespaces as readonly N[];
    this.instanceId = this.core.instanceId;
    this.stats = this.core.stats as unknown as StatsRecorder<N>;
  }

  getOrSet<S extends Schema>(options: GetOrSetOptions<N, S>): Promise<CacheResult<z.output<S>>> {
    return this.reads.getOrSet(options);
  }

  get<S extends Schema>(options: GetOptions<N, S>): Promise<CacheResult<z.output<S>> | undefined> {
    return this.reads.get(options);
  }

  getMany<S extends Schema>(options: GetManyOptions<N, S>): Promise<Map<string, z.output<S>>> {
    return this.reads.getMany(options);
  }

  inspect(namespace: N, key: string): Promise<InspectResult | null> {
    return this.reads.inspect(namespace, key);
  }

  set(options: SetOptions<N>): Promise<void> {
    return this.writes.set(options);
  }

  delete(namespace: N, key: string): Promise<void> {
    return this.writes.delete(namespace, key);
  }

  expire(namespace: N, key: string): Promise<void> {
    return this.writes.expire(namespace, key);
  }

  invalidateNamespace(namespace: N): Promise<void> {
    return this.coherence.invalidateNamespace(namespace);
  }

  invalidateTag(namespace: N, tag: string): Promise<void> {
    return this.coherence.invalidateTag(namespace, tag);
  }

  syncNamespace(namespace: N): Promise<boolean> {
    return this.coherence.syncNamespace(namespace);
  }

  ready(): Promise<boolean> {
    return this.core.initialVersions;
  }

  health(): CacheHealth {
    const { breaker, store, bus, evictionPolicy } = this.core;
    return {
      redis: store.connected && breaker.state !== 'open' ? 'up' : 'down',
      breaker: breaker.state,
      bus: bus.live ? 'up' : 'down',
      evictionPolicy,
      versionsEvictable: evictionPolicy?.startsWith('allkeys-') ?? false,
    };
  }

  async close(): Promise<void> {
    if (this.core.closing.signal.aborted) return;
    await this.core.close();
  }
}
