import { errorResponse } from '@/lib/http/errors';
import type { SpendingCeilingError } from './spending-ceiling';

/** 503 with Retry-After until the next minute's budget: the service, not the learner, is at its limit. */
export function spendingCeilingResponse(error: SpendingCeilingError): Response {
  return errorResponse(
    503,
    'spending_ceiling',
    `Tingshuo has reached this minute's ${error.upstream === 'tts' ? 'speech' : 'tutor'} budget; please try again shortly.`,
    { headers: { 'Retry-After': String(error.retryAfterSeconds) } },
  );
}
