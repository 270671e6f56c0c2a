import { errorResponse } from '@/lib/http/errors';
import { IDEMPOTENCY_KEY_HEADER, readIdempotencyKey } from '@/lib/http/idempotency-key';
import { readJson } from '@/lib/http/read-json';
import { learnerIdFromRequest, missingLearnerResponse } from '@/lib/learner/request';
import type { Progress } from '../progress';
import { UnknownPhraseError } from '../review';
import { IdempotencyKeyInProgressError, IdempotencyKeyReusedError } from '../review-idempotency';
import { reviewRequestSchema } from '../review-request';

const NO_STORE = { 'Cache-Control': 'private, no-store' };

/**
 * `POST /api/reviews` without Next.js: answers one card for the cookie's learner, `{ card,
 * summary }` with the card's next due date (`summary` is null when the review was saved but the
 * summary could not be read). With an `Idempotency-Key`, a retry replays the first answer
 * (`Idempotent-Replayed: true`) instead of reviewing twice; the key with another body is a 422,
 * the key still being processed a 409 with Retry-After.
 */
export async function handleReviewPost(progress: Progress, request: Request): Promise<Response> {
  const learnerId = learnerIdFromRequest(request);
  if (!learnerId) return missingLearnerResponse();
  const idempotency = readIdempotencyKey(request);
  if (!idempotency.ok) return idempotency.response;
  const body = await readJson(request, reviewRequestSchema);
  if (!body.ok) return body.response;
  try {
    const { replayed, ...result } = await progress.review({
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
}
