import calculateSlot from 'cluster-key-slot';
import { isCluster, type RedisClient } from './redis-connection';

type Reply = string | null;

/** How a batch's outcome reaches each read: the store's breaker accounting, per read. */
export interface ReadSettlement<U> {
  succeeded(): void;
  /** Turns a failure into `unavailable` for one read (counted once per read), or throws. */
  failed(error: unknown): U;
}

interface Waiter<U> {
  resolve(value: Reply | U): void;
  reject(error: unknown): void;
}

/**
 * The GETs issued close together leave Redis-bound together: one `MGET` (one per hash slot on a
 * cluster). Profiles of 50 reads in flight put a quarter of the time in one socket write per GET
 * and in Redis's per-command work; one command per batch pays both once.
 *
 * When to flush, Nagle-like but without a timer: with no batch of ours waiting for Redis, on
 * `process.nextTick`, so a lone read is still a plain GET sent before any I/O, with no added
 * wait; while a batch is out, at the end of this event-loop iteration (`setImmediate`), so the
 * reads that arrive in separate callbacks meanwhile (one per incoming request on a server) join
 * one batch instead of leaving one by one. They would queue behind the batch out anyway.
 *
 * Each read keeps its own command timeout: its command leaves in the event-loop iteration it was
 * issued, and ioredis starts the timer then. A failed batch is counted as one breaker failure
 * per read in it, as if each had been its own GET: batching does not change when the breaker
 * opens.
 */
export class ReadBatcher<U> {
  private keys: string[] = [];
  private waiters: Waiter<U>[] = [];
  /** Batches sent and not answered yet. */
  private outstanding = 0;

  constructor(
    private readonly client: RedisClient,
    private readonly settlement: ReadSettlement<U>,
  ) {}

  get(key: string): Promise<Reply | U> {
    if (this.keys.length === 0) {
      if (this.outstanding === 0) process.nextTick(this.flush);
      else setImmediate(this.flush);
    }
    this.keys.push(key);
    return new Promise<Reply | U>((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private readonly flush = (): void => {
    const { keys, waiters } = this;
    if (keys.length === 1) {
      // A lone read leaves the (emptied) arrays in place for the next batch: pop() keeps their
      // storage, while fresh arrays cost two allocations per read one request at a time.
      this.sendOne(keys.pop() as string, waiters.pop() as Waiter<U>);
      return;
    }
    this.keys = [];
    this.waiters = [];
    if (!isCluster(this.client)) {
      this.send(keys, waiters);
      return;
    }
    const bySlot = new Map<number, { keys: string[]; waiters: Waiter<U>[] }>();
    keys.forEach((key, index) => {
      const slot = calculateSlot(key);
      const group = bySlot.get(slot) ?? { keys: [], waiters: [] };
      if (group.keys.length === 0) bySlot.set(slot, group);
      group.keys.push(key);
      group.waiters.push(waiters[index] as Waiter<U>);
    });
    for (const group of bySlot.values()) this.send(group.keys, group.waiters);
  };

  /** A batch of one stays a plain GET: a lone read waits for nothing. */
  private send(keys: string[], waiters: Waiter<U>[]): void {
    if (keys.length === 1) {
      this.sendOne(keys[0] as string, waiters[0] as Waiter<U>);
      return;
    }
    // No named closure per batch: under tsx (esbuild keepNames) each costs a call per read.
    this.outstanding += 1;
    try {
      this.client.mget(keys).then(
        (values) => {
          this.outstanding -= 1;
          this.settlement.succeeded();
          waiters.forEach((waiter, index) => waiter.resolve(values[index] ?? null));
        },
        (error: unknown) => this.fail(waiters, error),
      );
    } catch (error) {
      this.fail(waiters, error);
    }
  }

  private sendOne(key: string, waiter: Waiter<U>): void {
    this.outstanding += 1;
    try {
      this.client.get(key).then(
        (value) => {
          this.outstanding -= 1;
          this.settlement.succeeded();
          waiter.resolve(value);
        },
        (error: unknown) => this.fail([waiter], error),
      );
    } catch (error) {
      this.fail([waiter], error);
    }
  }

  private fail(waiters: Waiter<U>[], error: unknown): void {
    this.outstanding -= 1;
    for (const waiter of waiters) {
      try {
        waiter.resolve(this.settlement.failed(error));
      } catch (thrown) {
        waiter.reject(thrown);
      }
    }
  }
}
