import { LRUCache } from 'lru-cache';

/** After a failed refresh, keep serving stale this long before trying the loader again. */
export const FAIL_SAFE_THROTTLE_MS = 1000;

/**
 * Which keys' upstream just failed while a stale value was served. Kept here, per key, rather
 * than on the L1 entry: with L1 off, or a stale value that came from L2, there is no L1 entry to
 * hold it, and a failing upstream was called on every request.
 */
export class FailSafeThrottle {
  private readonly blockedUntil = new LRUCache<string, number>({ max: 10_000 });

  block(logicalKey: string): void {
    this.blockedUntil.set(logicalKey, Date.now() + FAIL_SAFE_THROTTLE_MS);
  }

  blocked(logicalKey: string): boolean {
    const until = this.blockedUntil.get(logicalKey);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.blockedUntil.delete(logicalKey);
    return false;
  }
}
