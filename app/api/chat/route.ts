import { appRateLimiters } from '@/lib/server/counters';
import { appTutor } from '@/lib/server/tutor';
import { handleChatPost } from '@/lib/ai/http/chat-handlers';
import { learnerMutation } from '@/lib/http/learner-mutation';
import { withErrorResponses } from '@/lib/http/route-errors';
import { otherMethods } from '@/lib/http/other-methods';

/**
 * `{"message", "conversationId"?, "lessonId"?}` → the tutor's reply streamed as
 * `text/plain; charset=utf-8`, with `X-Cache` (HIT|MISS|STALE) and `X-Conversation-Id`.
 */
export const POST = withErrorResponses(
  learnerMutation((request: Request) =>
    handleChatPost(appTutor(), request, appRateLimiters().chat),
  ),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
