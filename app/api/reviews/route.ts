import { z } from 'zod';
import { errorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-json';
import { learnerIdFromRequest, missingLearnerResponse } from '@/lib/learner/request';
import { appProgress, UnknownPhraseError } from '@/lib/progress';
import { withErrorResponses } from '@/lib/http/route-errors';
import { otherMethods } from '@/lib/http/other-methods';

const reviewBody = z.object({
  phraseId: z.int({ error: 'expected a phrase id (a positive integer)' }).positive(),
  rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
    error: 'expected 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)',
  }),
});

/** Answers one card for the cookie's learner: `{ card, summary }` with the card's next due date. */
export const POST = withErrorResponses(async (request: Request): Promise<Response> => {
  const learnerId = learnerIdFromRequest(request);
  if (!learnerId) return missingLearnerResponse();
  const body = await readJson(request, reviewBody);
  if (!body.ok) return body.response;
  try {
    const result = await appProgress().review({ learnerId, ...body.data });
    return Response.json(result, { headers: { 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    if (error instanceof UnknownPhraseError) {
      return errorResponse(404, 'unknown_phrase', error.message, { field: 'phraseId' });
    }
    throw error;
  }
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
