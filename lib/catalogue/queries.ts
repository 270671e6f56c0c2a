import type { PrismaClient } from '@/lib/db/generated/client';
import type { Catalogue, CatalogueLesson, LessonDetail } from './schemas';

/** Database reads behind the cached catalogue: the loaders that lib/cache calls on a miss. */

/** How many of a lesson's words the catalogue previews. */
const KEY_WORD_COUNT = 4;

const summarySelect = {
  id: true,
  slug: true,
  hskLevel: true,
  position: true,
  title: true,
  description: true,
} as const;

export async function queryCatalogue(db: PrismaClient): Promise<Catalogue> {
  const [lessons, counts, firstWords] = await Promise.all([
    db.lesson.findMany({
      select: summarySelect,
      orderBy: [{ hskLevel: 'asc' }, { position: 'asc' }],
    }),
    db.phrase.groupBy({ by: ['lessonId', 'kind'], _count: { _all: true } }),
    // Words come first in a lesson, so its first positions are its key words.
    db.phrase.findMany({
      where: { kind: 'WORD', position: { lte: KEY_WORD_COUNT } },
      orderBy: { position: 'asc' },
      select: { lessonId: true, hanzi: true },
    }),
  ]);
  const countOf = (lessonId: number, kind: 'WORD' | 'SENTENCE') =>
    counts.find((row) => row.lessonId === lessonId && row.kind === kind)?._count._all ?? 0;

  const levels = new Map<number, CatalogueLesson[]>();
  for (const lesson of lessons) {
    const summary = {
      ...lesson,
      wordCount: countOf(lesson.id, 'WORD'),
      sentenceCount: countOf(lesson.id, 'SENTENCE'),
      keyWords: firstWords.filter((word) => word.lessonId === lesson.id).map((word) => word.hanzi),
    };
    levels.set(lesson.hskLevel, [...(levels.get(lesson.hskLevel) ?? []), summary]);
  }
  return { levels: [...levels].map(([hskLevel, list]) => ({ hskLevel, lessons: list })) };
}

/** The lesson with its phrases in order, or null when no lesson has that slug. */
export async function queryLesson(db: PrismaClient, slug: string): Promise<LessonDetail | null> {
  const lesson = await db.lesson.findUnique({
    where: { slug },
    select: {
      ...summarySelect,
      phrases: {
        orderBy: { position: 'asc' },
        select: {
          id: true,
          position: true,
          kind: true,
          hanzi: true,
          pinyin: true,
          pinyinNumbered: true,
          english: true,
        },
      },
    },
  });
  if (!lesson) return null;
  const neighbours = await db.lesson.findMany({
    where: {
      hskLevel: lesson.hskLevel,
      position: { in: [lesson.position - 1, lesson.position + 1] },
    },
    select: { slug: true, position: true },
  });
  const slugAt = (position: number) =>
    neighbours.find((n) => n.position === position)?.slug ?? null;
  return {
    ...lesson,
    wordCount: lesson.phrases.filter((p) => p.kind === 'WORD').length,
    sentenceCount: lesson.phrases.filter((p) => p.kind === 'SENTENCE').length,
    previous: slugAt(lesson.position - 1),
    next: slugAt(lesson.position + 1),
  };
}
