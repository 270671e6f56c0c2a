import { learnerMutation } from '@/lib/http/learner-mutation';
import { otherMethods } from '@/lib/http/other-methods';
import { withErrorResponses } from '@/lib/http/route-errors';
import { appProgress } from '@/lib/server/learning';
import { handleReviewPost } from '@/lib/progress/http/review-post';

/** One answered card (see lib/progress/http/review-post.ts); Idempotency-Key makes retries safe. */
export const POST = withErrorResponses(
  learnerMutation((request: Request) => handleReviewPost(appProgress(), request)),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
