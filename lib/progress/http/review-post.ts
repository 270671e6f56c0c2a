import { IDEMPOTENCY_KEY_HEADER } from '@/lib/http/idempotency-key';
import { failureResponse } from '@/lib/http/outcome';
import { readJsonValue } from '@/lib/http/read-json';
import { learnerIdFromRequest } from '@/lib/learner/request';
import { answerCard } from '../answer-card';
import type { Progress } from '../progress';

const NO_STORE = { 'Cache-Control': 'private, no-store' };

/**
 * `POST /api/reviews` without Next.js: `answerCard` for the cookie's learner, `{ card, summary }`
 * with the card's next due date (`summary` is null when the review was saved but the summary
 * could not be read). A replayed retry says so with `Idempotent-Replayed: true`.
 */
export async function handleReviewPost(progress: Progress, request: Request): Promise<Response> {
  const outcome = await answerCard(
    progress,
    {
      learnerId: learnerIdFromRequest(request),
      idempotencyKey: request.headers.get(IDEMPOTENCY_KEY_HEADER),
    },
    () => readJsonValue(request),
  );
  if (!outcome.ok) return failureResponse(outcome.failure, NO_STORE);
  const { replayed, ...result } = outcome.value;
  return Response.json(result, {
    headers: { ...NO_STORE, ...(replayed && { 'Idempotent-Replayed': 'true' }) },
  });
}
