import { cacheHeader } from '@/lib/http/cache-header';
import { spendingCeilingResponse } from '@/lib/budget/ceiling-response';
import { SpendingCeilingError } from '@/lib/budget/spending-ceiling';
import { requestClientIp } from '@/lib/http/client-ip';
import { errorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-json';
import { learnerIdFromRequest, missingLearnerResponse } from '@/lib/learner/request';
import type { LearnerAndIpLimiter } from '@/lib/rate-limit/learner-and-ip';
import { rateLimitedResponse } from '@/lib/rate-limit/response';
import { ChatRequestError } from '../chat-errors';
import { chatRequestSchema } from '../chat-request';
import { TutorProviderError } from '../provider-error';
import type { TutorService } from '../tutor-service';

/**
 * `POST /api/chat` and `GET /api/conversations/:id` without Next.js, so they are tested with
 * plain Requests. The reply streams as `text/plain; charset=utf-8` (chunked): the page appends
 * each piece as it arrives. `X-Cache` says hit/miss/stale, `X-Conversation-Id` which
 * conversation to continue. A reply that fails before its first piece is a JSON 502/504; one
 * that fails later ends the stream with a network error, since the status is already sent.
 */

const MAX_BODY_BYTES = 8 * 1024;

/** As `POST /api/tts`: the limiter, when given, counts only well-formed messages. */
export async function handleChatPost(
  service: TutorService,
  request: Request,
  rateLimiter?: LearnerAndIpLimiter,
): Promise<Response> {
  const learnerId = learnerIdFromRequest(request);
  if (!learnerId) return missingLearnerResponse();
  const body = await readJson(request, chatRequestSchema, { maxBytes: MAX_BODY_BYTES });
  if (!body.ok) return body.response;
  if (rateLimiter) {
    const verdict = await rateLimiter.consume(learnerId, requestClientIp(request));
    if (!verdict.allowed) return rateLimitedResponse(verdict.retryAfterSeconds, 'messages');
  }
  try {
    const reply = await service.chat({ learnerId, ...body.data });
    const iterator = reply.stream[Symbol.asyncIterator]();
    // Waiting for the first piece lets a provider failure still become a proper status code.
    const first = await iterator.next();
    return new Response(textStream(first, iterator), {
      headers: {
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...cacheHeader(reply.cache),
        'X-Conversation-Id': reply.conversationId,
      },
    });
  } catch (error) {
    return errorToResponse(error);
  }
}

export async function handleConversationGet(
  service: TutorService,
  request: Request,
  conversationId: string,
): Promise<Response> {
  const learnerId = learnerIdFromRequest(request);
  if (!learnerId) return missingLearnerResponse();
  try {
    const conversation = await service.conversation(learnerId, conversationId);
    return Response.json({ conversation }, { headers: { 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    return errorToResponse(error);
  }
}

function textStream(
  first: IteratorResult<string>,
  rest: AsyncIterator<string>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let pending: IteratorResult<string> | undefined = first;
  return new ReadableStream({
    async pull(controller) {
      const next = pending ?? (await rest.next());
      pending = undefined;
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await rest.return?.();
    },
  });
}

function errorToResponse(error: unknown): Response {
  if (error instanceof ChatRequestError) {
    return errorResponse(error.status, error.code, error.message, { field: error.field });
  }
  if (error instanceof SpendingCeilingError) return spendingCeilingResponse(error);
  if (error instanceof TutorProviderError) {
    return errorResponse(
      error.httpStatus,
      error.kind === 'timeout' ? 'tutor_timeout' : 'tutor_unavailable',
      error.kind === 'timeout'
        ? 'The tutor took too long to answer; please try again.'
        : 'The tutor is unavailable right now; please try again.',
    );
  }
  throw error;
}
