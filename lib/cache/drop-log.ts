/**
 * Which L1 drops happened while a read was on the wire. A GET sent before a key was deleted or
 * invalidated (locally or by a bus message) can come back with the old value after the drop; it
 * may be served (it was true when read) but must not be put back into L1.
 *
 * Reads note `now()` before going out and ask `keepable()` when back: the common case (no drop
 * meanwhile) is one integer compare. Per-key drops are remembered in a small bounded map; when
 * it overflows, the forgotten ones count as a drop of everything up to then (safe, not precise).
 */
const REMEMBERED_KEY_DROPS = 1024;

export class DropLog {
  private epoch = 0;
  private readonly droppedKeys = new Map<string, number>();
  /** Reads started before this epoch overlapped a drop of every key (or one we forgot). */
  private everythingDroppedAt = 0;

  now(): number {
    return this.epoch;
  }

  droppedKey(logicalKey: string): void {
    this.epoch += 1;
    this.droppedKeys.delete(logicalKey);
    this.droppedKeys.set(logicalKey, this.epoch);
    if (this.droppedKeys.size > REMEMBERED_KEY_DROPS) {
      const [oldestKey, oldestEpoch] = this.droppedKeys.entries().next().value as [string, number];
      this.droppedKeys.delete(oldestKey);
      this.everythingDroppedAt = oldestEpoch;
    }
  }

  droppedEverything(): void {
    this.epoch += 1;
    this.everythingDroppedAt = this.epoch;
    this.droppedKeys.clear();
  }

  /** Whether a read of `logicalKey` that started at `since` may be stored in L1. */
  keepable(logicalKey: string, since: number): boolean {
    if (since === this.epoch) return true;
    if (this.everythingDroppedAt > since) return false;
    return (this.droppedKeys.get(logicalKey) ?? 0) <= since;
  }
}
