// Server components only: a client component that imports this fails the build instead of
// shipping the database client to the browser. Kept out of modules the unit tests load, since
// outside Next's server bundles the package throws.
import 'server-only';
import type { CatalogueLesson } from '@/lib/catalogue';
import { REVIEW_SESSION_SIZE, type ProgressSummary } from '@/lib/progress';
import { appProgress, catalogueService } from '@/lib/server/learning';

/** What the home page tells one learner: where to continue, what is due, today's goal. */
export interface LearnerHome {
  summary: ProgressSummary;
  /** The lesson of the latest review; the first lesson before any review. */
  continueLesson: CatalogueLesson | null;
  startedContinueLesson: boolean;
  /** Seen cards due now (all of them, not just one session's worth). */
  dueNow: number;
  /** New cards today's allowance still brings, up to one review session. */
  newToday: number;
}

export async function loadLearnerHome(learnerId: string): Promise<LearnerHome> {
  const progress = appProgress();
  const [{ value: catalogue }, { summary }, queue, lastLessonId] = await Promise.all([
    catalogueService().catalogue(),
    progress.progressSummary(learnerId),
    progress.dueCards(learnerId, REVIEW_SESSION_SIZE),
    progress.lastPractisedLessonId(learnerId),
  ]);
  const lessons = catalogue.levels.flatMap((level) => level.lessons);
  const last = lessons.find((lesson) => lesson.id === lastLessonId);
  return {
    summary,
    continueLesson: last ?? lessons[0] ?? null,
    startedContinueLesson: last !== undefined,
    dueNow: summary.dueCount,
    newToday: queue.filter((card) => card.isNew).length,
  };
}
