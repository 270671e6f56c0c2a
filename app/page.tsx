import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { connection } from 'next/server';
import { CachedCatalogue } from '@/app/_components/cached-catalogue';
import { LessonProgressProvider, type ProgressByLesson } from '@/app/_components/lesson-progress';
import { LEARNER_COOKIE, learnerIdFromCookie } from '@/lib/learner/cookie';
import { appProgress } from '@/lib/progress';
import styles from './page.module.css';

export const metadata: Metadata = { title: 'Lessons' };

export default async function HomePage() {
  const learnerId = learnerIdFromCookie((await cookies()).get(LEARNER_COOKIE)?.value);
  // Request time only, never a prerender: the cache and progress reads below use the clock.
  await connection();
  const progress = learnerId ? await appProgress().progressSummary(learnerId) : undefined;
  const progressByLesson: ProgressByLesson = Object.fromEntries(
    progress?.summary.lessons.map(({ lessonId, seen, mastered }) => [
      lessonId,
      { seen, mastered },
    ]) ?? [],
  );

  return (
    <>
      <h1>Lessons</h1>
      <p className={styles.lead}>
        Listen to every word and sentence, practise with the tutor, and review what is due.
        {progress && progress.summary.dueCount > 0 && (
          <>
            {' '}
            <Link href="/review">{progress.summary.dueCount} cards are due for review.</Link>
          </>
        )}
      </p>
      <LessonProgressProvider progress={progressByLesson}>
        <CachedCatalogue />
      </LessonProgressProvider>
    </>
  );
}
