import { z } from 'zod';
import { INT4_MAX } from '@/lib/http/database-id';

export const MAX_MESSAGE_CHARACTERS = 1000;

/** Trimmed, 1..1000 characters counted as the learner sees them (code points, not UTF-16). */
export const chatMessageSchema = z
  .string()
  .trim()
  .refine((text) => text.length > 0, 'must not be empty')
  .refine(
    (text) => Array.from(text).length <= MAX_MESSAGE_CHARACTERS,
    `must be at most ${MAX_MESSAGE_CHARACTERS} characters`,
  );

/** Body of `POST /api/chat`. */
export const chatRequestSchema = z.object({
  message: chatMessageSchema,
  conversationId: z.uuid().optional(),
  lessonId: z
    .union([z.string().min(1).max(100), z.number().int().positive().max(INT4_MAX)])
    .optional(),
});
