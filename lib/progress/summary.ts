import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/generated/client';
import { startOfUtcDay, streakDays, utcDay } from './calendar';
import { loadSpeakingSummary } from './practice';

/** Mirrors `Learner.dailyGoal`'s default in prisma/schema.prisma, for learners with no row yet. */
export const DEFAULT_DAILY_GOAL = 10;

/** A card counts as mastered once FSRS schedules it three weeks or more ahead. */
export const MASTERED_INTERVAL_DAYS = 21;

const count = z.number().int().nonnegative();

export const lessonProgressSchema = z.object({
  lessonId: z.number().int(),
  slug: z.string(),
  title: z.string(),
  hskLevel: z.number().int(),
  phrases: count,
  seen: count,
  due: count,
  mastered: count,
});

/** What a learner sees of their progress; also the shape cached in the `progress` namespace. */
export const progressSummarySchema = z.object({
  /** The UTC day the daily counts and the streak refer to. */
  day: z.iso.date(),
  asOf: z.iso.datetime(),
  lessons: z.array(lessonProgressSchema),
  /** Cards already seen whose next review is due now. */
  dueCount: count,
  streakDays: count,
  reviewedToday: count,
  dailyGoal: z.number().int().positive(),
  /** Every review ever answered: it only grows, so a smaller value is an older summary. */
  totalReviews: count,
  /** Phrases said aloud with "Say it". */
  practisedAloud: count,
  /** The tones said wrong in "Say it", most missed first. */
  missedTones: z.array(z.object({ tone: z.number().int().min(1).max(5), misses: count })),
});

export type ProgressSummary = z.infer<typeof progressSummarySchema>;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the `progress` namespace stores: the summary as loaded, plus the cards that fall due
 * within a day of loading it. Due counts change with the clock (a card in a one-minute learning
 * step), so a read advances the stored summary to its own time instead of showing the counts of
 * the moment it was cached.
 */
export const storedProgressSchema = progressSummarySchema.extend({
  fallingDue: z.array(z.object({ lessonId: z.number().int(), due: z.iso.datetime() })),
});
export type StoredProgress = z.infer<typeof storedProgressSchema>;

/** The stored summary as of `now`: cards that have fallen due since loading count as due. */
export function progressAsOf(stored: StoredProgress, now: Date): ProgressSummary {
  const { fallingDue, ...summary } = stored;
  const nowIso = now.toISOString();
  const newlyDue = new Map<number, number>();
  for (const card of fallingDue) {
    if (card.due <= nowIso) newlyDue.set(card.lessonId, (newlyDue.get(card.lessonId) ?? 0) + 1);
  }
  if (newlyDue.size === 0) return summary;
  const lessons = summary.lessons.map((lesson) => ({
    ...lesson,
    due: lesson.due + (newlyDue.get(lesson.lessonId) ?? 0),
  }));
  const added = [...newlyDue.values()].reduce((sum, n) => sum + n, 0);
  return { ...summary, asOf: nowIso, lessons, dueCount: summary.dueCount + added };
}

/** Reads the learner's progress from the database (the source of truth) as of `now`. */
export async function loadProgressSummary(
  db: PrismaClient,
  learnerId: string,
  now: Date,
): Promise<StoredProgress> {
  const dayStart = startOfUtcDay(now);
  const dayEnd = new Date(dayStart.getTime() + DAY_MS);
  const [learner, lessons, states, reviewedToday, totalReviews, reviewDays, speaking] =
    await Promise.all([
      db.learner.findUnique({ where: { id: learnerId }, select: { dailyGoal: true } }),
      db.lesson.findMany({
        orderBy: [{ hskLevel: 'asc' }, { position: 'asc' }],
        select: {
          id: true,
          slug: true,
          title: true,
          hskLevel: true,
          _count: { select: { phrases: true } },
        },
      }),
      db.reviewState.findMany({
        where: { learnerId },
        select: { due: true, scheduledDays: true, phrase: { select: { lessonId: true } } },
      }),
      db.reviewLog.count({ where: { learnerId, reviewedAt: { gte: dayStart, lt: dayEnd } } }),
      db.reviewLog.count({ where: { learnerId } }),
      // One row per UTC day with a review (timestamps are stored in UTC without a zone).
      db.$queryRaw<{ day: string }[]>`
      SELECT DISTINCT to_char("reviewedAt", 'YYYY-MM-DD') AS day
      FROM "ReviewLog"
      WHERE "learnerId" = ${learnerId}::uuid AND "reviewedAt" < ${dayEnd}`,
      loadSpeakingSummary(db, learnerId),
    ]);

  const perLesson = new Map<number, { seen: number; due: number; mastered: number }>();
  const fallingDue: StoredProgress['fallingDue'] = [];
  const horizon = now.getTime() + DAY_MS;
  for (const state of states) {
    const counts = perLesson.get(state.phrase.lessonId) ?? { seen: 0, due: 0, mastered: 0 };
    counts.seen += 1;
    if (state.due <= now) counts.due += 1;
    else if (state.due.getTime() <= horizon) {
      fallingDue.push({ lessonId: state.phrase.lessonId, due: state.due.toISOString() });
    }
    if (state.scheduledDays >= MASTERED_INTERVAL_DAYS) counts.mastered += 1;
    perLesson.set(state.phrase.lessonId, counts);
  }
  const lessonProgress = lessons.map((lesson) => ({
    lessonId: lesson.id,
    slug: lesson.slug,
    title: lesson.title,
    hskLevel: lesson.hskLevel,
    phrases: lesson._count.phrases,
    ...(perLesson.get(lesson.id) ?? { seen: 0, due: 0, mastered: 0 }),
  }));

  const today = utcDay(now);
  return {
    day: today,
    asOf: now.toISOString(),
    lessons: lessonProgress,
    dueCount: lessonProgress.reduce((sum, lesson) => sum + lesson.due, 0),
    streakDays: streakDays(
      reviewDays.map((row) => row.day),
      today,
    ),
    reviewedToday,
    dailyGoal: learner?.dailyGoal ?? DEFAULT_DAILY_GOAL,
    totalReviews,
    ...speaking,
    fallingDue,
  };
}
