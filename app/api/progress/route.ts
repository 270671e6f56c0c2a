import { cacheHeader } from '@/lib/http/cache-header';
import { learnerIdFromRequest, missingLearnerResponse } from '@/lib/learner/request';
import { appProgress } from '@/lib/server/learning';
import { withErrorResponses } from '@/lib/http/route-errors';
import { otherMethods } from '@/lib/http/other-methods';

/** The cookie's learner's progress summary, read through the cache (`X-Cache`: HIT|MISS|STALE). */
export const GET = withErrorResponses(async (request: Request): Promise<Response> => {
  const learnerId = learnerIdFromRequest(request);
  if (!learnerId) return missingLearnerResponse();
  const { summary, cache } = await appProgress().progressSummary(learnerId);
  return Response.json(summary, {
    headers: { ...cacheHeader(cache), 'Cache-Control': 'private, no-store' },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
