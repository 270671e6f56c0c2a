import { IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey } from '@/lib/http/idempotency-key';
import { type Outcome, refused } from '@/lib/http/outcome';
import { validateInput } from '@/lib/http/read-json';
import { missingLearner } from '@/lib/learner/request';
import type { Progress } from './progress';
import { UnknownPhraseError } from './review';
import { IdempotencyKeyInProgressError, IdempotencyKeyReusedError } from './review-idempotency';
import { reviewRequestSchema } from './review-request';

type Answered = Awaited<ReturnType<Progress['review']>>;

/** Who answers: the learner of the signed cookie (null when missing or forged), and the key. */
export interface AnswerCall {
  learnerId: string | null;
  /** The header's value, or a Server Action's argument as it came (anything not a string is a 400). */
  idempotencyKey: unknown;
}

/**
 * One answered card, the implementation behind both `POST /api/reviews` (review-post.ts) and the
 * review page's Server Action (app/review/actions.ts): 401 without a learner, 400 naming the
 * field for a bad key or answer, 404 for an unknown phrase. With a key the write happens once:
 * a retry replays the first result (`replayed`), the key still in progress is a 409 worth
 * retrying, the key with another answer a 422. Where the call came from is checked at each door.
 */
export async function answerCard(
  progress: Progress,
  call: AnswerCall,
  input: () => Promise<Outcome<unknown>>,
): Promise<Outcome<Answered>> {
  if (!call.learnerId) return missingLearner();
  const key = parseIdempotencyKey(call.idempotencyKey);
  if (!key.ok) return key;
  const raw = await input();
  const answer = raw.ok ? validateInput(reviewRequestSchema, raw.value) : raw;
  if (!answer.ok) return answer;
  try {
    return {
      ok: true,
      value: await progress.review({
        learnerId: call.learnerId,
        ...answer.value,
        idempotencyKey: key.value,
      }),
    };
  } catch (error) {
    if (error instanceof UnknownPhraseError) {
      return refused(404, 'unknown_phrase', error.message, { field: 'phraseId' });
    }
    if (error instanceof IdempotencyKeyInProgressError) {
      return refused(409, 'idempotency_key_in_progress', error.message, {
        field: IDEMPOTENCY_KEY_HEADER,
        retryAfterSeconds: 1,
      });
    }
    if (error instanceof IdempotencyKeyReusedError) {
      return refused(422, 'idempotency_key_reused', error.message, {
        field: IDEMPOTENCY_KEY_HEADER,
      });
    }
    throw error;
  }
}
