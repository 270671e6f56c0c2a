import type { z } from 'zod';
import { errorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-json';
import { withErrorResponses } from '@/lib/http/route-errors';
import { learnerIdFromRequest, missingLearnerResponse } from '@/lib/learner/request';
import { UnknownPhraseError } from './unknown-phrase-error';

/**
 * A `POST` route handler for a learner's write about a phrase (`/api/reviews`, `/api/practice`):
 * the learner from the signed cookie (401 without one), the JSON body checked by `schema` (4xx
 * naming the field), 404 naming `phraseId` for an unknown phrase, and the answer never cached.
 */
export function phraseWriteRoute<Body extends { phraseId: number }>(
  schema: z.ZodType<Body>,
  write: (learnerId: string, body: Body) => Promise<unknown>,
) {
  return withErrorResponses(async (request: Request): Promise<Response> => {
    const learnerId = learnerIdFromRequest(request);
    if (!learnerId) return missingLearnerResponse();
    const body = await readJson(request, schema);
    if (!body.ok) return body.response;
    try {
      const result = await write(learnerId, body.data);
      return Response.json(result, { headers: { 'Cache-Control': 'private, no-store' } });
    } catch (error) {
      if (error instanceof UnknownPhraseError) {
        return errorResponse(404, 'unknown_phrase', error.message, { field: 'phraseId' });
      }
      throw error;
    }
  });
}
