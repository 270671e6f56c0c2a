import { parse as parseCookies } from 'cookie';
import { errorResponse } from '@/lib/http/errors';
import { LEARNER_COOKIE, learnerIdFromCookie } from '@/lib/learner/cookie';

/**
 * The learner a request speaks for, from its signed cookie only (never from the body or the URL,
 * which anyone can edit); null when the cookie is missing or forged.
 */
export function learnerIdFromRequest(request: Request): string | null {
  const cookies = parseCookies(request.headers.get('cookie') ?? '');
  return learnerIdFromCookie(cookies[LEARNER_COOKIE]);
}

/** The 401 every progress route answers when the request has no valid learner cookie. */
export function missingLearnerResponse(): Response {
  return errorResponse(401, 'no_learner', 'No valid learner cookie: reload the page to get one.', {
    field: 'cookie',
  });
}
