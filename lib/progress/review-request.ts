import { z } from 'zod';
import { databaseId } from '@/lib/http/database-id';

/** Body of `POST /api/reviews`. */
export const reviewRequestSchema = z.object({
  phraseId: databaseId('expected a phrase id (a positive integer)'),
  rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
    error: 'expected 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)',
  }),
});
