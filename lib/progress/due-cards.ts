import { State } from 'ts-fsrs';
import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/generated/client';
import { startOfUtcDay } from './calendar';
import { nextIntervals, type CardColumns } from './scheduler';

/** One card of the review queue: what the review page shows, as plain JSON. */
export const dueCardSchema = z.object({
  phraseId: z.number().int(),
  lessonId: z.number().int(),
  lessonTitle: z.string(),
  hanzi: z.string(),
  pinyin: z.string(),
  pinyinNumbered: z.string(),
  english: z.string(),
  /** True for a phrase the learner has never reviewed. */
  isNew: z.boolean(),
  /** When the card fell due; null for a new card. */
  due: z.iso.datetime().nullable(),
  /** Seen, but still in (re)learning steps of minutes rather than days. */
  learning: z.boolean(),
  /** Seconds until the card comes back for each rating (1 Again … 4 Easy), as ts-fsrs schedules. */
  nextIntervals: z.object({ 1: z.number(), 2: z.number(), 3: z.number(), 4: z.number() }),
});

export type DueCard = z.infer<typeof dueCardSchema>;

const DAY_MS = 24 * 60 * 60 * 1000;

const schedulingFields = {
  due: true,
  stability: true,
  difficulty: true,
  elapsedDays: true,
  scheduledDays: true,
  learningSteps: true,
  reps: true,
  lapses: true,
  state: true,
  lastReview: true,
} as const;

const phraseFields = {
  id: true,
  lessonId: true,
  hanzi: true,
  pinyin: true,
  pinyinNumbered: true,
  english: true,
  lesson: { select: { title: true } },
} as const;

/**
 * The learner's review queue at `now`: cards already seen that are due (most overdue first), then
 * new phrases in curriculum order (HSK level, lesson, position) up to what is left of today's
 * new-card allowance.
 */
export async function loadDueCards(
  db: PrismaClient,
  learnerId: string,
  { now, limit, newCardsPerDay }: { now: Date; limit: number; newCardsPerDay: number },
): Promise<DueCard[]> {
  const dayStart = startOfUtcDay(now);
  const [due, introducedToday] = await Promise.all([
    db.reviewState.findMany({
      where: { learnerId, due: { lte: now } },
      orderBy: { due: 'asc' },
      take: limit,
      select: { ...schedulingFields, phrase: { select: phraseFields } },
    }),
    // A log whose prior state was New is a phrase's first review: that is when it was introduced.
    db.reviewLog.count({
      where: {
        learnerId,
        state: State.New,
        reviewedAt: { gte: dayStart, lt: new Date(dayStart.getTime() + DAY_MS) },
      },
    }),
  ]);
  const newSlots = Math.min(limit - due.length, newCardsPerDay - introducedToday);
  const fresh =
    newSlots > 0
      ? await db.phrase.findMany({
          where: { reviewStates: { none: { learnerId } } },
          orderBy: [
            { lesson: { hskLevel: 'asc' } },
            { lesson: { position: 'asc' } },
            { position: 'asc' },
          ],
          take: newSlots,
          select: phraseFields,
        })
      : [];

  const card = (phrase: (typeof fresh)[number], scheduling: CardColumns | null): DueCard => ({
    phraseId: phrase.id,
    lessonId: phrase.lessonId,
    lessonTitle: phrase.lesson.title,
    hanzi: phrase.hanzi,
    pinyin: phrase.pinyin,
    pinyinNumbered: phrase.pinyinNumbered,
    english: phrase.english,
    isNew: scheduling === null,
    due: scheduling?.due.toISOString() ?? null,
    learning: scheduling?.state === State.Learning || scheduling?.state === State.Relearning,
    nextIntervals: nextIntervals(scheduling, now),
  });
  return [
    ...due.map(({ phrase, ...scheduling }) => card(phrase, scheduling)),
    ...fresh.map((phrase) => card(phrase, null)),
  ];
}
