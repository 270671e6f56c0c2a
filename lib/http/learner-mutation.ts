import { crossOriginFailure, crossSiteRefusal } from '@/lib/admin/csrf';
import { errorResponse } from './errors';
import { failureResponse } from './outcome';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * The edge checks of a learner mutation (`POST /api/reviews`, `/api/chat`, `/api/tts`), before
 * the handler reads anything:
 * - another site's page may not make a learner's browser post here (the learner cookie is
 *   SameSite=Lax, which still lets top-level cross-site form posts through in some browsers):
 *   `Sec-Fetch-Site` or `Origin` naming another site is a 403, as on the admin routes;
 * - the body must be declared JSON (415 otherwise): a plain HTML form cannot send that type
 *   without a CORS preflight, so this closes the form-post route too.
 */
export function learnerMutation<Args extends [Request, ...unknown[]]>(
  handler: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    const [request] = args;
    if (crossOriginFailure(request)) return failureResponse(crossSiteRefusal().failure);
    if (!JSON_TYPE.test(request.headers.get('content-type') ?? '')) {
      return errorResponse(
        415,
        'unsupported_media_type',
        'Content-Type: expected application/json.',
        { field: 'Content-Type' },
      );
    }
    return handler(...args);
  };
}
