import { z } from 'zod';
import { errorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-json';
import { learnerIdFromRequest, missingLearnerResponse } from '@/lib/learner/request';
import { appProgress, UnknownPhraseError } from '@/lib/progress';
import { withErrorResponses } from '@/lib/http/route-errors';
import { otherMethods } from '@/lib/http/other-methods';

export const runtime = 'nodejs';

// A phrase has at most a few dozen syllables; the cap keeps a forged body from growing the row.
const MAX_SYLLABLES = 64;

const practiceBody = z.object({
  phraseId: z.int({ error: 'expected a phrase id (a positive integer)' }).positive(),
  score: z.int({ error: 'expected a score from 0 to 100' }).min(0).max(100),
  missedTones: z
    .array(z.int().min(1, 'expected tones 1-5').max(5, 'expected tones 1-5'))
    .max(MAX_SYLLABLES),
});

/** Saves a "Say it" result (never the recording) for the cookie's learner: `{ summary }`. */
export const POST = withErrorResponses(async (request: Request): Promise<Response> => {
  const learnerId = learnerIdFromRequest(request);
  if (!learnerId) return missingLearnerResponse();
  const body = await readJson(request, practiceBody);
  if (!body.ok) return body.response;
  try {
    const result = await appProgress().practise({ learnerId, ...body.data });
    return Response.json(result, { headers: { 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    if (error instanceof UnknownPhraseError) {
      return errorResponse(404, 'unknown_phrase', error.message, { field: 'phraseId' });
    }
    throw error;
  }
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
