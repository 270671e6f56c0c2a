import type { CacheHandler } from 'next/cache';

/**
 * Where `next-entry.mjs` (the file next.config.ts names, loaded by plain Node at start-up) finds
 * the handler. The handler itself is TypeScript built with the app (instrumentation.ts registers
 * it), so it shares the app's process-wide lib/cache instead of opening a second one.
 */
export const HANDLER_SLOT = Symbol.for('tingshuo.next-cache-handler');

export function registerNextCacheHandler(handler: CacheHandler): void {
  (globalThis as Record<symbol, unknown>)[HANDLER_SLOT] = handler;
}
