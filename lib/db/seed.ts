import { buildCurriculum, type CurriculumLesson } from '@/lib/curriculum/build';
import type { PrismaClient } from './client';

export type SeedResult = {
  lessonsCreated: number;
  lessonsUpdated: number;
  phrasesCreated: number;
  phrasesUpdated: number;
  /** Phrases past the end of a lesson that the curriculum no longer has. */
  phrasesDeleted: number;
};

const LESSON_FIELDS = ['hskLevel', 'position', 'title', 'description'] as const;
const PHRASE_FIELDS = ['kind', 'hanzi', 'pinyin', 'pinyinNumbered', 'english'] as const;

function differs<T extends object>(stored: T, wanted: T, fields: readonly (keyof T)[]): boolean {
  return fields.some((field) => stored[field] !== wanted[field]);
}

/**
 * Makes the catalogue match the curriculum, keyed on natural keys (lesson slug, then phrase
 * position inside its lesson) so that ids, and the progress that points at them, survive.
 * Writes only what differs: a second run changes nothing and reports zeros.
 */
export async function seedDatabase(
  prisma: PrismaClient,
  curriculum?: CurriculumLesson[],
): Promise<SeedResult> {
  const lessons = curriculum ?? (await buildCurriculum());
  const result: SeedResult = {
    lessonsCreated: 0,
    lessonsUpdated: 0,
    phrasesCreated: 0,
    phrasesUpdated: 0,
    phrasesDeleted: 0,
  };
  const stored = new Map(
    (await prisma.lesson.findMany({ include: { phrases: true } })).map((lesson) => [
      lesson.slug,
      lesson,
    ]),
  );
  for (const { phrases, ...lesson } of lessons) {
    const existing = stored.get(lesson.slug);
    if (!existing) {
      await prisma.lesson.create({ data: { ...lesson, phrases: { create: phrases } } });
      result.lessonsCreated += 1;
      result.phrasesCreated += phrases.length;
      continue;
    }
    if (differs(existing, lesson, LESSON_FIELDS)) {
      await prisma.lesson.update({ where: { id: existing.id }, data: lesson });
      result.lessonsUpdated += 1;
    }
    const storedPhrases = new Map(existing.phrases.map((phrase) => [phrase.position, phrase]));
    for (const phrase of phrases) {
      const current = storedPhrases.get(phrase.position);
      if (!current) {
        await prisma.phrase.create({ data: { ...phrase, lessonId: existing.id } });
        result.phrasesCreated += 1;
      } else if (differs(current, phrase, PHRASE_FIELDS)) {
        await prisma.phrase.update({ where: { id: current.id }, data: phrase });
        result.phrasesUpdated += 1;
      }
    }
    const { count } = await prisma.phrase.deleteMany({
      where: { lessonId: existing.id, position: { gt: phrases.length } },
    });
    result.phrasesDeleted += count;
  }
  return result;
}

/** Whether a seed run wrote anything, i.e. whether cached copies of the catalogue are now old. */
export function seedChangedContent(result: SeedResult): boolean {
  return Object.values(result).some((count) => count > 0);
}
