import { z } from 'zod';
import { databaseId } from '@/lib/http/database-id';
import { learnerMutation } from '@/lib/http/learner-mutation';
import { otherMethods } from '@/lib/http/other-methods';
import { appProgress } from '@/lib/server/learning';
import { phraseWriteRoute } from '@/lib/progress/phrase-write-route';

// A phrase has at most a few dozen syllables; the cap keeps a forged body from growing the row.
const MAX_SYLLABLES = 64;

const practiceBody = z.object({
  phraseId: databaseId('expected a phrase id (a positive integer)'),
  score: z.int({ error: 'expected a score from 0 to 100' }).min(0).max(100),
  missedTones: z
    .array(z.int().min(1, 'expected tones 1-5').max(5, 'expected tones 1-5'))
    .max(MAX_SYLLABLES),
});

/** Saves a "Say it" result (never the recording) for the cookie's learner: `{ summary }`. */
export const POST = learnerMutation(
  phraseWriteRoute(practiceBody, (learnerId, body) =>
    appProgress().practise({ learnerId, ...body }),
  ),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
