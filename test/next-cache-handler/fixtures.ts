import type { CacheEntry } from 'next/cache';
import { APP_NAMESPACES } from '@/lib/app-cache';
import { createCache, type RedisTarget } from '@/lib/cache';
import { createNextCacheHandler } from '@/lib/next-cache-handler';
import { SHARED_REDIS_TARGET } from '../support/redis';

/** One app instance's view: its own lib/cache (L1, bus subscription) and handler on `prefix`. */
export function instanceOn(prefix: string, redis: RedisTarget = SHARED_REDIS_TARGET) {
  const cache = createCache<'next'>({
    prefix,
    redis,
    namespaces: { next: APP_NAMESPACES.next },
    statsFlushMs: 60_000,
    commandTimeoutMs: 2000,
  });
  const errors: string[] = [];
  const handler = createNextCacheHandler({
    cache,
    namespace: 'next',
    onError: (operation, error) => errors.push(`${operation}: ${(error as Error).message}`),
  });
  return { cache, handler, errors };
}

export const encoder = new TextEncoder();

/** A stream delivering `chunks`, then closing or, with `failWith`, erroring. */
export function streamOf(chunks: string[], failWith?: Error): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (failWith) controller.error(failWith);
      else controller.close();
    },
  });
}

/** An entry as Next hands it to `set`: rendered now, fresh for a minute, kept for an hour. */
export function entry(body: string, overrides: Partial<Omit<CacheEntry, 'value'>> = {}) {
  return {
    value: streamOf([body]),
    tags: ['catalogue'],
    stale: 30,
    timestamp: Date.now(),
    revalidate: 60,
    expire: 3600,
    ...overrides,
  } satisfies CacheEntry;
}

export async function text(found: CacheEntry | undefined): Promise<string | undefined> {
  return found && new Response(found.value).text();
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
