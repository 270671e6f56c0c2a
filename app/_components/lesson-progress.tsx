'use client';

import { createContext, useContext, type ReactNode } from 'react';
import styles from './home/home.module.css';

export type ProgressByLesson = Record<number, { seen: number; mastered: number }>;

const LessonProgressContext = createContext<ProgressByLesson>({});

/**
 * The learner's progress, handed to the cards of the cached catalogue below it: the catalogue's
 * render is shared by every learner, so their own figures arrive through context, not its props.
 */
export function LessonProgressProvider({
  progress,
  children,
}: {
  progress: ProgressByLesson;
  children: ReactNode;
}) {
  return <LessonProgressContext value={progress}>{children}</LessonProgressContext>;
}

/** One card's progress line and bar, for the learner reading the page. */
export function LessonProgress({
  lessonId,
  title,
  total,
}: {
  lessonId: number;
  title: string;
  total: number;
}) {
  const done = useContext(LessonProgressContext)[lessonId];
  return (
    <>
      <span className={styles.meta}>
        {done ? `${done.seen} of ${total} practised · ${done.mastered} mastered` : 'Not started'}
      </span>
      <progress
        className={styles.bar}
        max={total}
        value={done?.seen ?? 0}
        aria-label={`${title} progress`}
      />
    </>
  );
}
