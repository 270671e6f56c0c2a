import type { CacheEntry, CacheHandler } from 'next/cache';
import { log } from '@/lib/log/logger';
import { LRUCache } from 'lru-cache';
import type { Cache } from '@/lib/cache';
import { entryIdentifier, tagIdentifier } from './identifiers';
import { entryLifetime, storedEntrySchema, type StoredEntry } from './stored-entry';

export interface NextCacheHandlerOptions<N extends string> {
  cache: Pick<Cache<N>, 'get' | 'set' | 'invalidateTag' | 'syncNamespace'>;
  /** The lib/cache namespace the entries live in (its own L1 budget, stats and versions). */
  namespace: N;
  /** Reports what the handler swallowed so a render never fails on the cache (default: warn). */
  onError?: (operation: 'get' | 'set', error: unknown) => void;
}

/**
 * How many keys' soft tags are remembered between a miss and the `set` that follows it. Next
 * passes soft tags to `get` only; remembering them (strings, never the request) lets the entry
 * record them as tags, so `revalidatePath` reaches it through the same counters.
 */
const SOFT_TAG_MEMORY = 10_000;

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    chunks.push(read.value);
  }
  return Buffer.concat(chunks);
}

function warn(operation: 'get' | 'set', error: unknown): void {
  log.warn({ err: error, operation }, 'use cache: skipped the shared cache');
}

/**
 * Next.js's `'use cache'` handler contract over lib/cache. Entries are lib/cache entries (L1 +
 * Redis, fenced writes, fail-safe reads); Next's tags and soft tags are lib/cache tags, so
 * `revalidateTag` is one INCR per tag, pushed to every instance by the bus: no scan, no tag map.
 */
export function createNextCacheHandler<N extends string>(
  options: NextCacheHandlerOptions<N>,
): CacheHandler {
  const { cache, namespace } = options;
  const onError = options.onError ?? warn;
  // Settled when this process's write of a key is over; entries are deleted in `finally`, so
  // nothing of a request outlives its `set`.
  const pendingSets = new Map<string, Promise<void>>();
  const softTagsByKey = new LRUCache<string, readonly string[]>({ max: SOFT_TAG_MEMORY });

  async function read(cacheKey: string): Promise<StoredEntry | undefined> {
    try {
      const found = await cache.get({
        namespace,
        key: entryIdentifier(cacheKey),
        schema: storedEntrySchema,
      });
      return found?.value;
    } catch (error) {
      // Next does not catch `get`: a throw here would fail the render. A miss renders instead.
      onError('get', error);
      return undefined;
    }
  }

  async function write(cacheKey: string, pendingEntry: Promise<CacheEntry>): Promise<void> {
    const entry = await pendingEntry;
    // Always consume the stream, so the request that produced it is not kept reachable.
    const bytes = await readAll(entry.value);
    // `expire: 0` marks a dynamic entry Next regenerates on every read: storing it is wasted work.
    if (entry.expire === 0 && !process.env.__NEXT_DEV_SERVER) return;
    const softTags = softTagsByKey.get(cacheKey) ?? [];
    softTagsByKey.delete(cacheKey);
    const tags = [...new Set([...entry.tags, ...softTags])].map(tagIdentifier);
    await cache.set({
      namespace,
      key: entryIdentifier(cacheKey),
      value: {
        body: bytes.toString('base64'),
        tags: entry.tags,
        stale: entry.stale,
        timestamp: entry.timestamp,
        expire: entry.expire,
        revalidate: entry.revalidate,
      },
      tags,
      ...entryLifetime(entry),
    });
  }

  return {
    async get(cacheKey, softTags) {
      const pending = pendingSets.get(cacheKey);
      if (pending) await pending;
      const stored = await read(cacheKey);
      if (!stored) {
        // The render that follows this miss ends in `set`, which records these soft tags.
        if (softTags.length > 0) softTagsByKey.set(cacheKey, softTags);
        return undefined;
      }
      const { bytes, ...meta } = stored;
      return { ...meta, tags: [...meta.tags], value: streamOf(bytes) };
    },

    async set(cacheKey, pendingEntry) {
      const done = write(cacheKey, pendingEntry).catch((error: unknown) => {
        // A stream that errored mid-render, or Redis refusing the write: the entry is dropped
        // (a partial value would render a partial page) and the next read renders again.
        onError('set', error);
      });
      pendingSets.set(cacheKey, done);
      try {
        await done;
      } finally {
        if (pendingSets.get(cacheKey) === done) pendingSets.delete(cacheKey);
      }
    },

    /**
     * Next calls this once per request, before the request's first `get`. The bus alone would
     * let a request that arrives before the bus message serve a render another instance has
     * just revalidated; one MGET of the namespace's counters closes that window. Errors are
     * swallowed (a throw would fail the request): the bus and L1's bounds still apply.
     */
    async refreshTags() {
      try {
        await cache.syncNamespace(namespace);
      } catch (error) {
        onError('get', error);
      }
    },

    // Soft tags are lib/cache tags on the entry, checked by `get` against counters, not clocks.
    async getExpiration() {
      return Infinity;
    },

    /**
     * `revalidateTag(tag, profile)` and `updateTag(tag)` both expire at once: after the call
     * returns, no instance serves an entry carrying the tag (stricter than Next's own
     * serve-stale-once for a profile, and what a content change needs). A failure throws, so
     * the caller learns the invalidation did not happen.
     */
    async updateTags(tags) {
      await Promise.all(tags.map((tag) => cache.invalidateTag(namespace, tagIdentifier(tag))));
    },
  };
}
