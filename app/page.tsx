import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { catalogueService } from '@/lib/catalogue';
import { LEARNER_COOKIE, learnerIdFromCookie } from '@/lib/learner/cookie';
import { appProgress, type LessonProgress } from '@/lib/progress';
import styles from './page.module.css';

export const metadata: Metadata = { title: 'Lessons' };

export default async function HomePage() {
  const learnerId = learnerIdFromCookie((await cookies()).get(LEARNER_COOKIE)?.value);
  const [{ value: catalogue }, progress] = await Promise.all([
    catalogueService().catalogue(),
    learnerId ? appProgress().progressSummary(learnerId) : undefined,
  ]);
  const lessonProgress = new Map<number, LessonProgress>(
    progress?.summary.lessons.map((lesson) => [lesson.lessonId, lesson]),
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
      {catalogue.levels.map((level) => (
        <section key={level.hskLevel} aria-labelledby={`hsk-${level.hskLevel}`}>
          <h2 id={`hsk-${level.hskLevel}`}>HSK {level.hskLevel}</h2>
          <ol className={styles.lessons}>
            {level.lessons.map((lesson) => {
              const done = lessonProgress.get(lesson.id);
              const total = lesson.wordCount + lesson.sentenceCount;
              return (
                <li key={lesson.id}>
                  <Link href={`/lessons/${lesson.slug}`} className={styles.card}>
                    <span className={styles.title}>{lesson.title}</span>
                    <span className={styles.meta}>
                      {lesson.wordCount} words · {lesson.sentenceCount} sentences
                    </span>
                    <span className={styles.meta}>
                      {done
                        ? `${done.seen} of ${total} practised · ${done.mastered} mastered`
                        : 'Not started'}
                    </span>
                    <progress
                      className={styles.bar}
                      max={total}
                      value={done?.seen ?? 0}
                      aria-label={`${lesson.title} progress`}
                    />
                  </Link>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </>
  );
}
