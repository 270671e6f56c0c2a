/**
 * Next calls `register` once when a server starts, before it serves anything:
 * - a plain `next start` with a bad setting stops here with one line naming it, as `npm start`
 *   does;
 * - the `'use cache'` handler that next.config.ts names (lib/next-cache-handler/next-entry.mjs)
 *   is backed from here on by lib/cache, over the same process-wide cache as every route.
 * A build also loads this file; it does neither then: the build's environment need not be the
 * server's, and prerendering keeps Next's in-memory handler so that it needs no Redis.
 */
export async function register(): Promise<void> {
  if (
    process.env.NEXT_RUNTIME !== 'nodejs' ||
    process.env.NEXT_PHASE === 'phase-production-build'
  ) {
    return;
  }
  const { checkConfigOrExit } = await import('@/lib/startup/check-config');
  const settings = checkConfigOrExit(process.env);
  // `memory` leaves next-entry.mjs on Next's own in-memory handler (the benchmark's baseline).
  if (settings.USE_CACHE_HANDLER === 'memory') return;
  const [{ appCache }, { createNextCacheHandler, registerNextCacheHandler }] = await Promise.all([
    import('@/lib/server/connections'),
    import('@/lib/next-cache-handler'),
  ]);
  registerNextCacheHandler(createNextCacheHandler({ cache: appCache(), namespace: 'next' }));
}

/**
 * Next calls this for every error a request hits, pages included: a database outage seen while
 * rendering a page switches this process to answering pages 503 (see lib/http/database-outage).
 */
export async function onRequestError(error: unknown): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { noteRequestError } = await import('@/lib/http/route-errors');
  noteRequestError(error);
}
