import type { ReactNode } from 'react';
import type { DueCard, ProgressSummary } from '@/lib/progress';
import { DailyGoalBar } from '@/app/_components/daily-goal-bar';
import styles from './review.module.css';

/**
 * What is left in this session, counted the way Anki does: new cards, cards in learning steps,
 * and seen cards due for review. The daily goal and streak come from the saved progress.
 */
export function ReviewCounts({
  remaining,
  summary,
}: {
  remaining: readonly DueCard[];
  summary: ProgressSummary;
}) {
  const fresh = remaining.filter((card) => card.isNew).length;
  const learning = remaining.filter((card) => card.learning).length;
  const due = remaining.length - fresh - learning;
  const goalReached = summary.reviewedToday >= summary.dailyGoal;
  return (
    <div className={styles.statsBox}>
      <dl className={styles.stats} aria-live="polite" data-testid="review-stats">
        <Stat label="New" className={styles.countNew}>
          {fresh}
        </Stat>
        <Stat label="Learning" className={styles.countLearning}>
          {learning}
        </Stat>
        <Stat label="Due" className={styles.countDue}>
          {due}
        </Stat>
        <Stat label="Today">
          <span>
            {summary.reviewedToday} / {summary.dailyGoal} reviews
            {goalReached && ' · goal reached'}
          </span>
          <DailyGoalBar summary={summary} className={styles.goal} />
        </Stat>
        <Stat label="Streak">
          {summary.streakDays} {summary.streakDays === 1 ? 'day' : 'days'}
        </Stat>
      </dl>
      <p className={styles.note}>Streaks and daily counts follow UTC days.</p>
    </div>
  );
}

/** One term of the stats list: its label and what it counts. */
function Stat({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className={className}>{children}</dd>
    </div>
  );
}
