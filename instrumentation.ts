/**
 * Next calls this for every error a request hits, pages included: a database outage seen while
 * rendering a page switches this process to answering pages 503 (see lib/http/database-outage).
 */
export async function onRequestError(error: unknown): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { noteRequestError } = await import('@/lib/http/route-errors');
  noteRequestError(error);
}
