/** What learners read (JSON and HTML alike) while the database is unreachable. */
export const DATABASE_UNAVAILABLE_MESSAGE =
  'Tingshuo cannot reach its database right now. Nothing you saved is lost; please try again in a moment.';

/** Seconds a client should wait before retrying during a database outage (`Retry-After`). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
