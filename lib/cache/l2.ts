import calculateSlot from 'cluster-key-slot';
import type { CircuitBreaker } from './breaker';
import { ReadBatcher } from './read-batch';
import { isCluster, type RedisClient } from './redis-connection';
import { bumpVersion, compareAndDelete, fencedSet, runScript, settleEpoch } from './scripts';
import { WriteCoalescer } from './write-coalescing';

const UNAVAILABLE = Symbol('redis unavailable');
export type Unavailable = typeof UNAVAILABLE;
export const unavailable: Unavailable = UNAVAILABLE;
const UNAVAILABLE_NOW: Promise<Unavailable> = Promise.resolve(UNAVAILABLE);

/**
 * Every Redis call goes through here: skipped while the breaker is open, failed fast when the
 * client is not connected, and never thrown at the caller: a failure comes back as `unavailable`
 * so the cache can fall back to L1 and the loader.
 */
export class RedisStore {
  private readonly reads: ReadBatcher<Unavailable>;
  /** The commands of one tick (fills, leases, scripts) leave in one socket write. */
  private readonly writes: WriteCoalescer;

  constructor(
    readonly client: RedisClient,
    private readonly breaker: CircuitBreaker,
  ) {
    this.writes = new WriteCoalescer(client);
    this.reads = new ReadBatcher(client, {
      succeeded: () => breaker.success(),
      failed: (error) => this.failed(error),
    });
  }

  get connected(): boolean {
    return this.client.status === 'ready';
  }

  /**
   * ioredis opens a cluster node's connection on its first command, and that command's timeout
   * includes the connecting: under load, the first reads after start-up timed out node by node.
   * Opening every master at start-up moves that cost out of the request path.
   */
  openClusterNodes(): void {
    if (!isCluster(this.client)) return;
    for (const node of this.client.nodes('master')) {
      if (node.status === 'wait') node.connect().catch(() => {});
    }
  }

  get clusterNodesOpen(): boolean {
    return (
      !isCluster(this.client) ||
      this.client.nodes('master').every((node) => node.status === 'ready')
    );
  }

  /** The connection failed or dropped and is not back yet: waiting for it would be in vain. */
  get connectionLost(): boolean {
    const status = this.client.status;
    return status === 'reconnecting' || status === 'close' || status === 'end';
  }

  /**
   * No async frame and no per-call closure here: this wraps every L2 hit, where they showed up
   * in profiles. Results and failures go through two handlers bound once.
   */
  run<T>(operation: (client: RedisClient) => Promise<T>): Promise<T | Unavailable> {
    if (this.skipped()) return UNAVAILABLE_NOW;
    this.writes.beforeCommand();
    let pending: Promise<T>;
    try {
      pending = operation(this.client);
    } catch (error) {
      pending = Promise.reject(error);
    }
    return pending.then(this.succeeded, this.failed);
  }

  /** Entry reads: the GETs of one tick leave as one MGET (`read-batch.ts`). */
  get(key: string): Promise<string | null | Unavailable> {
    if (this.skipped()) return UNAVAILABLE_NOW;
    return this.reads.get(key);
  }

  /** Whether to answer `unavailable` without trying: breaker open, or no connection. */
  private skipped(): boolean {
    if (!this.breaker.allow()) return true;
    if (this.connected) return false;
    this.breaker.failure({ fatal: true });
    return true;
  }

  private readonly succeeded = <T>(result: T): T => {
    this.breaker.success();
    return result;
  };

  private readonly failed = (error: unknown): Unavailable => {
    // A reply error (e.g. WRONGTYPE) proves Redis is up; only transport trouble trips the breaker.
    if (isReplyError(error)) {
      this.breaker.success();
      // Up but refusing this command for now (full under noeviction, a read-only replica after a
      // failover, loading): unavailable for this call only, so a refused fill or lease never
      // fails the learner's read.
      if (isRefusal(error)) return unavailable;
      throw error;
    }
    this.breaker.failure({ fatal: !this.connected });
    return unavailable;
  };

  /** MGET that never crosses slots: one MGET per hash slot, in parallel (no CROSSSLOT on a cluster). */
  mget(keys: string[]) {
    return this.run(async (client) => {
      if (!isCluster(client)) return client.mget(keys);
      const bySlot = new Map<number, number[]>();
      keys.forEach((key, index) => {
        const slot = calculateSlot(key);
        const group = bySlot.get(slot);
        if (group) group.push(index);
        else bySlot.set(slot, [index]);
      });
      const values: (string | null)[] = new Array(keys.length).fill(null);
      await Promise.all(
        [...bySlot.values()].map(async (indexes) => {
          const found = await client.mget(indexes.map((index) => keys[index] as string));
          indexes.forEach((index, position) => (values[index] = found[position] ?? null));
        }),
      );
      return values;
    });
  }

  set(key: string, value: string, ttlMs: number) {
    return this.run((client) => client.set(key, value, 'PX', Math.max(1, Math.ceil(ttlMs))));
  }

  /**
   * Write only if the key still holds a value starting with `expectedPrefix`, or nothing. With
   * nothing expected (the common miss), "only if nothing is there" is exactly `SET NX`: the same
   * atomic check without running a script on the miss path.
   */
  async fencedSet(key: string, expectedPrefix: string, value: string, ttlMs: number) {
    const px = Math.max(1, Math.ceil(ttlMs));
    if (expectedPrefix === '') {
      const reply = await this.run((client) => client.set(key, value, 'PX', px, 'NX'));
      return reply === unavailable ? unavailable : reply === 'OK';
    }
    const written = await this.run((client) =>
      runScript(client, fencedSet, key, [expectedPrefix, value, px]),
    );
    return written === unavailable ? unavailable : written === 1;
  }

  async compareAndDelete(key: string, expected: string) {
    const deleted = await this.run((client) =>
      runScript(client, compareAndDelete, key, [expected]),
    );
    return deleted === unavailable ? unavailable : deleted === 1;
  }

  async acquireLease(key: string, token: string, ttlMs: number) {
    const reply = await this.run((client) => client.set(key, token, 'PX', ttlMs, 'NX'));
    return reply === unavailable ? unavailable : reply === 'OK';
  }

  /**
   * INCR a version counter within the keyspace generation (see `bumpVersion`), and with it
   * `sequenceKey` when given (a tag's namespace-wide sequence).
   */
  async bumpVersion(
    epochKey: string,
    counterKey: string,
    args: VersionBumpArgs,
    sequenceKey?: string,
  ) {
    const keys = sequenceKey ? [epochKey, counterKey, sequenceKey] : [epochKey, counterKey];
    const reply = await this.run((client) =>
      runScript(client, bumpVersion, keys, [args.freshEpoch, args.epoch, args.known]),
    );
    if (reply === unavailable) return unavailable;
    const [epoch, counter] = reply as [string, number];
    return { epoch, counter: Number(counter) };
  }

  /** The keyspace generation: created if missing, replaced if it is still `stale`. */
  async settleEpoch(epochKey: string, freshEpoch: string, stale: string) {
    const reply = await this.run((client) =>
      runScript(client, settleEpoch, epochKey, [freshEpoch, stale]),
    );
    return reply === unavailable ? unavailable : String(reply);
  }

  exists(key: string) {
    return this.run((client) => client.exists(key));
  }

  pttl(key: string) {
    return this.run((client) => client.pttl(key));
  }
}

export interface VersionBumpArgs {
  /** Used if the generation has to be created or replaced. */
  freshEpoch: string;
  /** The caller's generation ('' if unknown) and its last known counter (-1 if unknown). */
  epoch: string;
  known: number;
}

function isReplyError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ReplyError';
}

const REFUSAL = /^(OOM|READONLY|MISCONF|BUSY|LOADING|NOREPLICAS|MASTERDOWN|CLUSTERDOWN|TRYAGAIN)\b/;

function isRefusal(error: Error): boolean {
  return REFUSAL.test(error.message);
}
