import { z } from 'zod';
import hsk1File from './content/hsk1-lessons.json';
import hsk2File from './content/hsk2-lessons.json';
import notesFile from './content/word-notes.json';

/**
 * The curriculum as authored lives in `content/*.json` (see content/README.md); this module is
 * the only reader, and it validates every file before the seed builds anything from it, so a
 * typo in the content fails the seed with the lesson and field named.
 */

const hanziText = z.string().regex(/\p{Script=Han}/u, 'expected hanzi');
const numberedReading = z
  .string()
  .regex(/^[a-zü:]+[1-5]( [a-zü:]+[1-5])*$/u, 'expected "ni3 hao3"');

/** An authored example sentence. Its pinyin is generated (see pinyin.ts). */
const sentencePlan = z.strictObject({
  hanzi: hanziText,
  english: z.string().min(1),
  /**
   * The numbered reading, only where pinyin-pro misreads a character in context (得 as "dé"
   * in 说得很快, 谁 as "shuí"); it must have as many syllables as pinyin-pro's reading.
   */
  reading: numberedReading.optional(),
});

/** One lesson as authored: which HSK words it teaches, in order, and its example sentences. */
export const lessonPlan = z.strictObject({
  slug: z.string().regex(/^hsk[1-6]-\d{2}-[a-z0-9-]+$/),
  title: z.string().min(1),
  description: z.string().min(1),
  words: z.array(hanziText).min(1),
  sentences: z.array(sentencePlan).min(1),
});

const notes = z.strictObject({
  readings: z.record(hanziText, numberedReading),
  glosses: z.record(hanziText, z.string().min(1)),
});

export type LessonPlan = z.infer<typeof lessonPlan>;
export type WordNotes = z.infer<typeof notes>;

/** Exported for its test: a content file's first problem, with the file and field named. */
export function parseContent<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new Error(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

/** The lesson plans of each HSK level, validated. */
export function lessonPlansByLevel(): [level: number, plans: LessonPlan[]][] {
  return [
    [1, parseContent(z.array(lessonPlan), hsk1File, 'content/hsk1-lessons.json')],
    [2, parseContent(z.array(lessonPlan), hsk2File, 'content/hsk2-lessons.json')],
  ];
}

/** Readings and glosses that override the dictionary's, validated. */
export function wordNotes(): WordNotes {
  return parseContent(notes, notesFile, 'content/word-notes.json');
}
