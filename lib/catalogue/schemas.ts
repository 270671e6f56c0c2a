import { z } from 'zod';

/**
 * The shapes the catalogue is cached in. They are validated on every cache read, so an entry
 * written by an older deploy with another shape is a miss, not a broken page.
 */
export const lessonSummarySchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  hskLevel: z.number().int(),
  position: z.number().int(),
  title: z.string(),
  description: z.string(),
  wordCount: z.number().int(),
  sentenceCount: z.number().int(),
});

/** A lesson as the catalogue lists it: its summary and its first words, to preview in hanzi. */
export const catalogueLessonSchema = lessonSummarySchema.extend({
  keyWords: z.array(z.string()),
});

export const catalogueSchema = z.object({
  levels: z.array(
    z.object({ hskLevel: z.number().int(), lessons: z.array(catalogueLessonSchema) }),
  ),
});

export const phraseSchema = z.object({
  id: z.number().int(),
  position: z.number().int(),
  kind: z.enum(['WORD', 'SENTENCE']),
  hanzi: z.string(),
  pinyin: z.string(),
  pinyinNumbered: z.string(),
  english: z.string(),
});

export const lessonDetailSchema = lessonSummarySchema.extend({
  phrases: z.array(phraseSchema),
  previous: z.string().nullable(),
  next: z.string().nullable(),
});

export type CatalogueLesson = z.infer<typeof catalogueLessonSchema>;
export type Catalogue = z.infer<typeof catalogueSchema>;
export type LessonDetail = z.infer<typeof lessonDetailSchema>;
