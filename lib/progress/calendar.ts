/**
 * Progress counts days in UTC: a "day" is a UTC calendar date (YYYY-MM-DD). The server does not
 * know the learner's time zone (there is no sign-up to ask it), and one fixed clock keeps streaks
 * identical on every instance; the review page says so next to the streak.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC calendar date of an instant, as YYYY-MM-DD. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Midnight UTC at the start of the day holding `instant`. */
export function startOfUtcDay(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / DAY_MS) * DAY_MS);
}

function previousDay(day: string): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS));
}

/**
 * Consecutive days with at least one review, counted back from `today`. A streak survives a day
 * that has not had its review yet: until today ends, a learner who reviewed yesterday keeps it.
 */
export function streakDays(reviewDays: Iterable<string>, today: string): number {
  const days = new Set(reviewDays);
  let day = days.has(today) ? today : previousDay(today);
  let streak = 0;
  while (days.has(day)) {
    streak += 1;
    day = previousDay(day);
  }
  return streak;
}
