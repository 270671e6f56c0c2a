import Link from 'next/link';
import type { LearnerHome } from '@/lib/learner/home';
import type { ProgressSummary } from '@/lib/progress';
import { DailyGoalBar } from '@/app/_components/daily-goal-bar';
import styles from './home.module.css';

/** The learner's way back in: continue the lesson, review what is due, today's goal. */
export function LearnerPanel({ home }: { home: LearnerHome }) {
  const { summary, continueLesson, startedContinueLesson, dueNow, newToday } = home;
  const goalReached = summary.reviewedToday >= summary.dailyGoal;
  return (
    <section className={styles.panel} aria-label="Your practice">
      {continueLesson && (
        <Link
          href={`/lessons/${continueLesson.slug}`}
          className={`${styles.panelItem} ${styles.continue}`}
        >
          <span className={styles.panelLabel}>
            {startedContinueLesson ? 'Continue where you left off' : 'Start here'}
          </span>
          <span className={styles.title}>{continueLesson.title}</span>
          <span className={styles.keyWords} lang="zh-CN" aria-hidden="true">
            {continueLesson.keyWords.join(' ')}
          </span>
        </Link>
      )}
      <Link href="/review" className={styles.panelItem} data-testid="home-due">
        <span className={styles.panelLabel}>Review now</span>
        <span className={styles.big}>
          {dueNow} {dueNow === 1 ? 'card' : 'cards'} due
        </span>
        <span className={styles.meta}>
          {newToday} new {newToday === 1 ? 'card' : 'cards'} waiting today
        </span>
      </Link>
      <div className={styles.panelItem} data-testid="home-goal">
        <span className={styles.panelLabel}>Today&apos;s goal</span>
        <span className={styles.big}>
          {summary.reviewedToday} / {summary.dailyGoal} reviews
        </span>
        <DailyGoalBar summary={summary} className={styles.bar} />
        <span className={styles.meta}>
          {goalReached
            ? 'Goal reached. Well done!'
            : `Streak: ${summary.streakDays} ${summary.streakDays === 1 ? 'day' : 'days'}`}
        </span>
      </div>
      {summary.practisedAloud > 0 && <SpokenPractice summary={summary} />}
    </section>
  );
}

const toneName = (tone: number) => (tone === 5 ? 'neutral tone' : `tone ${tone}`);

/** What "Say it" has taught so far: how much was said aloud, and the tones said wrong most. */
function SpokenPractice({ summary }: { summary: ProgressSummary }) {
  const { practisedAloud, missedTones } = summary;
  // The two most missed are what to work on; a longer list reads as "everything".
  const toWorkOn = missedTones.slice(0, 2).map(({ tone }) => toneName(tone));
  return (
    <div className={styles.panelItem} data-testid="home-spoken">
      <span className={styles.panelLabel}>Said aloud</span>
      <span className={styles.big}>
        {practisedAloud} {practisedAloud === 1 ? 'phrase' : 'phrases'}
      </span>
      <span className={styles.meta}>
        {toWorkOn.length ? `Tones to work on: ${toWorkOn.join(', ')}` : 'Every tone said right'}
      </span>
    </div>
  );
}
