import { appRateLimiters } from '@/lib/server/counters';
import { handleSpeechPost } from '@/lib/tts/http/speech-handlers';
import { appSpeechService } from '@/lib/server/speech';
import { learnerMutation } from '@/lib/http/learner-mutation';
import { withErrorResponses } from '@/lib/http/route-errors';
import { otherMethods } from '@/lib/http/other-methods';

/**
 * `{"text", "voice"?, "speed"?}` → `{"url", "cache"}` with `X-Cache` (HIT|MISS|STALE); 429 with
 * Retry-After past the learner's or the address's per-minute budget.
 */
export const POST = withErrorResponses(
  learnerMutation((request: Request) =>
    handleSpeechPost(appSpeechService(), request, appRateLimiters().tts),
  ),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
