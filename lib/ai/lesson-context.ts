import type { PrismaClient } from '@/lib/db/generated/client';
import type { TutorLesson, TutorPhrase } from './provider';

const phraseFields = {
  hanzi: true,
  pinyin: true,
  pinyinNumbered: true,
  english: true,
  kind: true,
} as const;

/** A lesson by its numeric id or its slug, with its phrases in lesson order; null if unknown. */
export async function findTutorLesson(
  db: PrismaClient,
  reference: string | number,
): Promise<(TutorLesson & { dbId: number }) | null> {
  const where =
    typeof reference === 'number' || /^\d+$/.test(reference)
      ? { id: Number(reference) }
      : { slug: reference };
  const lesson = await db.lesson.findUnique({
    where,
    select: {
      id: true,
      title: true,
      phrases: { select: phraseFields, orderBy: { position: 'asc' } },
    },
  });
  if (!lesson) return null;
  return { id: String(lesson.id), dbId: lesson.id, title: lesson.title, phrases: lesson.phrases };
}

/** Every phrase of the curriculum, easiest lessons first: what the offline tutor knows. */
export function loadCurriculumPhrases(db: PrismaClient): Promise<TutorPhrase[]> {
  return db.phrase.findMany({
    select: phraseFields,
    orderBy: [
      { lesson: { hskLevel: 'asc' } },
      { lesson: { position: 'asc' } },
      { position: 'asc' },
    ],
  });
}
