import { errorResponse } from '@/lib/http/errors';
import { LEARNER_COOKIE, learnerIdFromCookie } from '@/lib/learner/cookie';

/**
 * The learner a request speaks for, from its signed cookie only (never from the body or the URL,
 * which anyone can edit); null when the cookie is missing or forged.
 */
export function learnerIdFromRequest(request: Request): string | null {
  const header = request.headers.get('cookie') ?? '';
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === LEARNER_COOKIE) {
      return learnerIdFromCookie(pair.slice(separator + 1).trim());
    }
  }
  return null;
}

/** The 401 every progress route answers when the request has no valid learner cookie. */
export function missingLearnerResponse(): Response {
  return errorResponse(401, 'no_learner', 'No valid learner cookie: reload the page to get one.', {
    field: 'cookie',
  });
}
