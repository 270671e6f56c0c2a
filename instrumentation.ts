/**
 * Next calls `register` once when a server starts, before it serves anything: a plain
 * `next start` with a bad setting stops here with one line naming it, as `npm start` does.
 * (A build also loads this file; it checks nothing then, since the build's environment need not
 * be the server's.)
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { checkConfigOrExit } = await import('@/lib/startup/check-config');
  checkConfigOrExit(process.env);
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
