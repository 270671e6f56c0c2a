import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';
import { crossOriginFailure, crossSiteRefusal, type RequestHead } from '@/lib/admin/csrf';
import { inRequest } from '@/lib/log/logger';
import type { Outcome } from './outcome';
import { unexpectedErrorFailure } from './route-errors';

/**
 * The edge of every Server Action, as `withErrorResponses` and `learnerMutation` are for routes.
 * Next.js has already refused an `Origin` that is not the `Host`; a `Sec-Fetch-Site` naming
 * another site is refused here as on the routes. What the action throws comes back as a failure
 * the page can show (a database outage is a 503 and flips pages to 503 as a route's would),
 * because a thrown action error reaches the browser as an opaque digest.
 */
export async function serverAction<T>(
  work: (head: RequestHead) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  const head: RequestHead = { headers: await headers() };
  if (crossOriginFailure(head)) return crossSiteRefusal();
  return inRequest(randomUUID(), async () => {
    try {
      return await work(head);
    } catch (error) {
      return { ok: false, failure: unexpectedErrorFailure(error) };
    }
  });
}
