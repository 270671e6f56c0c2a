import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { connection } from 'next/server';
import { LearnerPanel } from '@/app/_components/home/learner-panel';
import { LessonCatalogue } from '@/app/_components/home/lesson-catalogue';
import { LessonProgressProvider, type ProgressByLesson } from '@/app/_components/lesson-progress';
import { LEARNER_COOKIE, learnerIdFromCookie } from '@/lib/learner/cookie';
import { loadLearnerHome } from '@/lib/learner/home';
import styles from '@/app/_components/home/home.module.css';

export const metadata: Metadata = { title: 'Lessons' };

export default async function HomePage() {
  const learnerId = learnerIdFromCookie((await cookies()).get(LEARNER_COOKIE)?.value);
  // Request time only, never a prerender: the progress reads below use the clock.
  await connection();
  const home = learnerId ? await loadLearnerHome(learnerId) : null;
  const progressByLesson: ProgressByLesson = Object.fromEntries(
    (home?.summary.lessons ?? [])
      .filter((lesson) => lesson.seen > 0)
      .map(({ lessonId, seen, mastered }) => [lessonId, { seen, mastered }]),
  );

  return (
    <>
      <h1>Lessons</h1>
      <p className={styles.lead}>
        Listen to every word and sentence, practise with the tutor, and review what is due.
      </p>
      {home && <LearnerPanel home={home} />}
      <LessonProgressProvider progress={progressByLesson}>
        <LessonCatalogue />
      </LessonProgressProvider>
    </>
  );
}
