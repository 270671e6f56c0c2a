import { unavailable, type RedisStore } from './l2';
import { delay } from './loader';
import type { RemoteRead } from './remote-read';

/** What a lease needs from a call: where its key lives and how long to hold or wait. */
export interface LeaseCall {
  namespace: string;
  id: string;
  version: string | undefined;
  policy: { leaseMs: number; leaseWaitMs: number };
}

export interface Lease {
  key: string;
  token: string;
  held: boolean;
}

type FreshEntry = Extract<RemoteRead, { kind: 'entry' }>;

export type LeaseWait =
  | { kind: 'value'; read: FreshEntry }
  /** The holder gave up, failed or died; we hold the lease now and load. */
  | { kind: 'took-over'; lease: Lease }
  /** Redis unreachable, the wait ran out, or the cache is closing: load without a lease. */
  | { kind: 'gave-up' };

/** Waiters poll at most this far apart, so a lease that vanished is noticed within about 100 ms. */
const MAX_POLL_MS = 50;

/**
 * Redis leases against fleet-wide stampedes: on a miss, one instance takes `SET lease NX PX`
 * and loads; the others wait for its value. Waiters watch the lease as well as the value: a
 * holder whose loader threw, whose fill a fence refused, or which released it for any reason
 * leaves no value, and a holder that died leaves a lease that ends after its short `leaseMs`.
 * Either way one waiter takes the lease over at once instead of all waiting out `leaseWaitMs`.
 */
export class LeaseKeeper {
  constructor(
    private readonly store: RedisStore,
    private readonly keyOf: (namespace: string, version: string, id: string) => string,
    private readonly newToken: () => string,
    private readonly closing: AbortSignal,
  ) {}

  async acquire(call: LeaseCall): Promise<Lease | undefined> {
    if (call.version === undefined) return undefined;
    const key = this.keyOf(call.namespace, call.version, call.id);
    const token = this.newToken();
    const held = await this.store.acquireLease(key, token, call.policy.leaseMs);
    return held === unavailable ? undefined : { key, token, held };
  }

  /** Poll (5 → 50 ms) for the holder's value, taking the lease over once it is gone. */
  async awaitHolder(
    call: LeaseCall,
    lease: Lease,
    read: () => Promise<RemoteRead>,
  ): Promise<LeaseWait> {
    const deadline = Date.now() + call.policy.leaseWaitMs;
    let pause = 5;
    while (Date.now() < deadline && !this.closing.aborted) {
      await delay(Math.min(pause, deadline - Date.now()));
      pause = Math.min(pause * 2, MAX_POLL_MS);
      const [remote, present] = await Promise.all([read(), this.store.exists(lease.key)]);
      if (remote.kind === 'unavailable' || present === unavailable) return { kind: 'gave-up' };
      if (remote.kind === 'entry' && remote.fresh) return { kind: 'value', read: remote };
      if (present === 0) {
        const held = await this.store.acquireLease(lease.key, lease.token, call.policy.leaseMs);
        if (held === unavailable) return { kind: 'gave-up' };
        if (held) return { kind: 'took-over', lease: { ...lease, held: true } };
      }
    }
    return { kind: 'gave-up' };
  }

  release(lease: Lease): void {
    void this.store.compareAndDelete(lease.key, lease.token);
  }
}
