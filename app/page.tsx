import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { LearnerPanel } from '@/app/_components/home/learner-panel';
import { LessonCatalogue } from '@/app/_components/home/lesson-catalogue';
import { LessonProgressLine } from '@/app/_components/home/lesson-progress-line';
import { LEARNER_COOKIE, learnerIdFromCookie } from '@/lib/learner/cookie';
import { loadLearnerHome } from '@/lib/learner/home';
import styles from '@/app/_components/home/home.module.css';

export const metadata: Metadata = { title: 'Lessons' };

export default async function HomePage() {
  const learnerId = learnerIdFromCookie((await cookies()).get(LEARNER_COOKIE)?.value);
  const home = learnerId ? await loadLearnerHome(learnerId) : null;
  const lessonProgress = Object.fromEntries(
    (home?.summary.lessons ?? [])
      .filter((lesson) => lesson.seen > 0)
      .map((lesson) => [
        lesson.lessonId,
        <LessonProgressLine key={lesson.lessonId} progress={lesson} />,
      ]),
  );

  return (
    <>
      <h1>Lessons</h1>
      <p className={styles.lead}>
        Listen to every word and sentence, practise with the tutor, and review what is due.
      </p>
      {home && <LearnerPanel home={home} />}
      <LessonCatalogue lessonProgress={lessonProgress} />
    </>
  );
}
