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
        <div>
          <dt>New</dt>
          <dd className={styles.countNew}>{fresh}</dd>
        </div>
        <div>
          <dt>Learning</dt>
          <dd className={styles.countLearning}>{learning}</dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd className={styles.countDue}>{due}</dd>
        </div>
        <div>
          <dt>Today</dt>
          <dd>
            <span>
              {summary.reviewedToday} / {summary.dailyGoal} reviews
              {goalReached && ' · goal reached'}
            </span>
            <DailyGoalBar summary={summary} className={styles.goal} />
          </dd>
        </div>
        <div>
          <dt>Streak</dt>
          <dd>
            {summary.streakDays} {summary.streakDays === 1 ? 'day' : 'days'}
          </dd>
        </div>
      </dl>
      <p className={styles.note}>Streaks and daily counts follow UTC days.</p>
    </div>
  );
}
