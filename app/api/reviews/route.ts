import { z } from 'zod';
import { otherMethods } from '@/lib/http/other-methods';
import { appProgress } from '@/lib/progress';
import { phraseWriteRoute } from '@/lib/progress/phrase-write-route';

export const runtime = 'nodejs';

const reviewBody = z.object({
  phraseId: z.int({ error: 'expected a phrase id (a positive integer)' }).positive(),
  rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
    error: 'expected 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)',
  }),
});

/** Answers one card for the cookie's learner: `{ card, summary }` with the card's next due date. */
export const POST = phraseWriteRoute(reviewBody, (learnerId, body) =>
  appProgress().review({ learnerId, ...body }),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
