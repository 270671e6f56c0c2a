import { appTutor } from '@/lib/server/tutor';
import { handleConversationGet } from '@/lib/ai/http/chat-handlers';
import { withErrorResponses } from '@/lib/http/route-errors';
import { otherMethods } from '@/lib/http/other-methods';

/** The cookie's learner's own conversation and its messages; 404 for anyone else's. */
export const GET = withErrorResponses(
  async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
    const { id } = await params;
    return handleConversationGet(appTutor(), request, id);
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
