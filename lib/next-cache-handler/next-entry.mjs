// The `'use cache'` handler as next.config.ts registers it (`cacheHandlers.default` and `.remote`).
// Next imports this file with plain Node, so it holds no logic: every call goes to the handler
// that instrumentation.ts registered (lib/next-cache-handler/handler.ts over the app's lib/cache).
// Until one is registered (`next build`, whose prerendering must not need Redis), calls go to
// Next's own in-memory handler.
import { createRequire } from 'node:module';

const HANDLER_SLOT = Symbol.for('tingshuo.next-cache-handler');
const IN_MEMORY_BYTES = 50 * 1024 * 1024;
const require = createRequire(import.meta.url);
let inMemory;

function handler() {
  const registered = globalThis[HANDLER_SLOT];
  if (registered) return registered;
  if (!inMemory) {
    const { createDefaultCacheHandler } = require('next/dist/server/lib/cache-handlers/default');
    inMemory = createDefaultCacheHandler(IN_MEMORY_BYTES);
  }
  return inMemory;
}

/** @type {import('next/cache').CacheHandler} */
const delegatingHandler = {
  get: (cacheKey, softTags) => handler().get(cacheKey, softTags),
  set: (cacheKey, pendingEntry) => handler().set(cacheKey, pendingEntry),
  refreshTags: () => handler().refreshTags(),
  getExpiration: (tags) => handler().getExpiration(tags),
  updateTags: (tags, durations) => handler().updateTags(tags, durations),
};

export default delegatingHandler;
