import { LRUCache } from 'lru-cache';
import type { Envelope } from './envelope';

/** An L1 entry: the envelope as read or written, plus what its validity depends on. */
export interface LocalEntry {
  envelope: Envelope;
  /** Namespace version the entry was read/written under: a bump makes it invisible at once. */
  namespaceVersion: string;
  /** Size of the encoded envelope; the byte bound counts the heap it stands for. */
  sizeBytes: number;
  /**
   * Set on entries this instance wrote (a fill, a `set`): the encoded envelope, from which
   * `envelope.value` is decoded on first use (`storedValue`), so that L1 hands out what JSON
   * gives back, as L2 does. Only another schema or a stale fallback ever asks for it; decoding it
   * on every fill was a sixth of a miss's own CPU.
   */
  encoded?: string;
  /** Last schema that validated `envelope.value`, and its output: repeat hits skip re-validation. */
  validatedBy?: unknown;
  parsed?: unknown;
}

/**
 * Heap bytes one encoded byte costs once kept in L1: the decoded envelope and the schema's output
 * are two object trees. Measured (V8, Node 20, entry bookkeeping included) at about 7 for lists
 * of small objects such as a lesson's words and for short values such as an audio URL, about 3.5
 * for text-heavy ones. 5, the old figure, let L1 outgrow its bound by up to 1.5 times on the
 * first kind, so the byte bound counts `encoded length × 7` and means what it says: heap.
 */
const HEAP_BYTES_PER_ENCODED_BYTE = 7;

export interface LocalTierOptions {
  maxEntries: number;
  maxBytes: number;
  ttlMs: number;
  onEvict: (namespace: string) => void;
}

/**
 * The in-process tier: bounded by count and bytes, and never trusted for longer than a short
 * safety TTL (another instance's invalidation may have been lost on the bus).
 */
export class LocalTier {
  private readonly lru: LRUCache<string, LocalEntry>;
  /** `maxEntries: 0` or `ttlMs: 0` turns L1 off (Redis-only, e.g. to measure L2). */
  readonly enabled: boolean;

  constructor(private readonly options: LocalTierOptions) {
    this.enabled = options.maxEntries > 0 && options.ttlMs > 0 && options.maxBytes > 0;
    this.lru = new LRUCache<string, LocalEntry>({
      max: Math.max(1, options.maxEntries),
      maxSize: Math.max(1, options.maxBytes),
      sizeCalculation: (entry) => Math.max(1, heapBytes(entry)),
      dispose: (_entry, key, reason) => {
        if (reason === 'evict') options.onEvict(namespaceOf(key));
      },
    });
  }

  get(logicalKey: string): LocalEntry | undefined {
    return this.enabled ? this.lru.get(logicalKey) : undefined;
  }

  set(logicalKey: string, entry: LocalEntry, now: number): void {
    const ttl = Math.min(this.options.ttlMs, entry.envelope.staleUntil - now);
    if (!this.enabled || ttl <= 0 || heapBytes(entry) > this.options.maxBytes) return;
    this.lru.set(logicalKey, entry, { ttl });
  }

  delete(logicalKey: string): void {
    this.lru.delete(logicalKey);
  }

  clear(): void {
    this.lru.clear();
  }

  get size(): number {
    return this.lru.size;
  }
}

const heapBytes = (entry: LocalEntry) => entry.sizeBytes * HEAP_BYTES_PER_ENCODED_BYTE;

export const logicalKey = (namespace: string, id: string) => `${namespace}:${id}`;

function namespaceOf(logical: string): string {
  return logical.slice(0, logical.indexOf(':'));
}
