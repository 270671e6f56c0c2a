/**
 * Runs once when a server process starts: the `'use cache'` handler that next.config.ts names
 * (lib/next-cache-handler/next-entry.mjs) is backed from here on by lib/cache, over the same
 * process-wide cache as every route. `next build` keeps Next's in-memory handler: prerendering
 * must not need Redis.
 */
export async function register(): Promise<void> {
  if (
    process.env.NEXT_RUNTIME !== 'nodejs' ||
    process.env.NEXT_PHASE === 'phase-production-build'
  ) {
    return;
  }
  const [{ appCache }, { createNextCacheHandler, registerNextCacheHandler }] = await Promise.all([
    import('@/lib/app-cache'),
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
