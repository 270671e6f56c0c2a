import type { ProgressSummary } from '@/lib/progress';

/** Today's reviews against the daily goal, as a bar (full once the goal is reached). */
export function DailyGoalBar({
  summary,
  className,
}: {
  summary: ProgressSummary;
  className?: string;
}) {
  return (
    <progress
      className={className}
      max={summary.dailyGoal}
      value={Math.min(summary.reviewedToday, summary.dailyGoal)}
      aria-label="Daily goal"
    />
  );
}
