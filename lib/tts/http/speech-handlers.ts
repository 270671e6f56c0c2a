import { SpendingCeilingError } from '@/lib/budget/spending-ceiling';
import { spendingCeilingResponse } from '@/lib/budget/ceiling-response';
import { cacheHeader } from '@/lib/http/cache-header';
import { requestClientIp } from '@/lib/http/client-ip';
import { errorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-json';
import { learnerIdFromRequest } from '@/lib/learner/request';
import type { LearnerAndIpLimiter } from '@/lib/rate-limit/learner-and-ip';
import { rateLimitedResponse } from '@/lib/rate-limit/response';
import { SpeechInputError, SpeechProviderError, SpeechTimeoutError } from '../speech-errors';
import type { SpeechService } from '../speech-service';

// 5,000 bytes of text may triple as JSON escapes (\uXXXX); this leaves room without inviting uploads.
const MAX_BODY_BYTES = 32 * 1024;

/**
 * `POST /api/tts` without Next.js: `{"text", "voice"?, "speed"?}` → `{"url", "cache"}` with
 * `X-Cache` HIT|MISS|STALE. Bad input is a 400 naming the field; a failing engine a 502, a slow
 * one a 504. A request over the learner's or the address's budget is a 429 with Retry-After;
 * only valid requests count against it.
 */
export async function handleSpeechPost(
  service: SpeechService,
  request: Request,
  rateLimiter?: LearnerAndIpLimiter,
): Promise<Response> {
  const body = await readJson(request, service.requestSchema, { maxBytes: MAX_BODY_BYTES });
  if (!body.ok) return body.response;
  if (rateLimiter) {
    const verdict = await rateLimiter.consume(
      learnerIdFromRequest(request),
      requestClientIp(request),
    );
    if (!verdict.allowed) return rateLimitedResponse(verdict.retryAfterSeconds, 'speech requests');
  }
  try {
    const { url, cache } = await service.synthesize(body.data);
    return Response.json(
      { url, cache },
      { headers: { ...cacheHeader(cache), 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    if (error instanceof SpeechInputError) {
      return errorResponse(400, 'invalid_field', error.message, { field: error.field });
    }
    if (error instanceof SpeechTimeoutError) {
      return errorResponse(504, 'tts_timeout', 'The speech engine did not answer in time.');
    }
    if (error instanceof SpendingCeilingError) return spendingCeilingResponse(error);
    if (error instanceof SpeechProviderError) {
      return errorResponse(502, 'tts_failed', 'The speech engine failed; try again shortly.');
    }
    throw error;
  }
}
