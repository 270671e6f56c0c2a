import { parse as parseCookies } from 'cookie';
import { failureResponse, refused } from '@/lib/http/outcome';
import { LEARNER_COOKIE, learnerIdFromCookie } from '@/lib/learner/cookie';

/**
 * The learner a request speaks for, from its signed cookie only (never from the body or the URL,
 * which anyone can edit); null when the cookie is missing or forged.
 */
export function learnerIdFromRequest(request: Request): string | null {
  const cookies = parseCookies(request.headers.get('cookie') ?? '');
  return learnerIdFromCookie(cookies[LEARNER_COOKIE]);
}

/** The 401 of every learner call (route or Server Action) without a valid learner cookie. */
export function missingLearner() {
  return refused(401, 'no_learner', 'No valid learner cookie: reload the page to get one.', {
    field: 'cookie',
  });
}

export function missingLearnerResponse(): Response {
  return failureResponse(missingLearner().failure);
}
