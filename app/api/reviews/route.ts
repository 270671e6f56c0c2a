import { errorResponse } from '@/lib/http/errors';
import { IDEMPOTENCY_KEY_HEADER, readIdempotencyKey } from '@/lib/http/idempotency-key';
import { readJson } from '@/lib/http/read-json';
import { learnerIdFromRequest, missingLearnerResponse } from '@/lib/learner/request';
import {
  appProgress,
  IdempotencyKeyInProgressError,
  IdempotencyKeyReusedError,
  UnknownPhraseError,
} from '@/lib/progress';
import { withErrorResponses } from '@/lib/http/route-errors';
import { otherMethods } from '@/lib/http/other-methods';
import { reviewRequestSchema } from '@/lib/progress/review-request';

export const runtime = 'nodejs';

const NO_STORE = { 'Cache-Control': 'private, no-store' };

/**
 * Answers one card for the cookie's learner: `{ card, summary }` with the card's next due date
 * (`summary` is null when the review was saved but the summary could not be read). With an
 * `Idempotency-Key`, a retry replays the first answer (`Idempotent-Replayed: true`) instead of
 * reviewing twice; the key with another body is a 422, the key still being processed a 409.
 */
export const POST = withErrorResponses(async (request: Request): Promise<Response> => {
  const learnerId = learnerIdFromRequest(request);
  if (!learnerId) return missingLearnerResponse();
  const idempotency = readIdempotencyKey(request);
  if (!idempotency.ok) return idempotency.response;
  const body = await readJson(request, reviewRequestSchema);
  if (!body.ok) return body.response;
  try {
    const { replayed, ...result } = await appProgress().review({
      learnerId,
      ...body.data,
      idempotencyKey: idempotency.key,
    });
    return Response.json(result, {
      headers: { ...NO_STORE, ...(replayed && { 'Idempotent-Replayed': 'true' }) },
    });
  } catch (error) {
    if (error instanceof UnknownPhraseError) {
      return errorResponse(404, 'unknown_phrase', error.message, { field: 'phraseId' });
    }
    if (error instanceof IdempotencyKeyInProgressError) {
      return errorResponse(409, 'idempotency_key_in_progress', error.message, {
        field: IDEMPOTENCY_KEY_HEADER,
        headers: { ...NO_STORE, 'Retry-After': '1' },
      });
    }
    if (error instanceof IdempotencyKeyReusedError) {
      return errorResponse(422, 'idempotency_key_reused', error.message, {
        field: IDEMPOTENCY_KEY_HEADER,
        headers: NO_STORE,
      });
    }
    throw error;
  }
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
