import type { LessonProgress } from '@/lib/progress';
import styles from './home.module.css';

/** One lesson's progress for the learner, shown inside its catalogue card. */
export function LessonProgressLine({ progress }: { progress: LessonProgress }) {
  return (
    <>
      <span className={styles.meta}>
        {progress.seen} of {progress.phrases} practised · {progress.mastered} mastered
      </span>
      <progress
        className={styles.bar}
        max={progress.phrases}
        value={progress.seen}
        aria-label={`${progress.title} progress`}
      />
    </>
  );
}
