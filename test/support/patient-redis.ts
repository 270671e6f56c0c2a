/**
 * Redis time limits for tests that count a rate-limit budget in Redis. The app's limiter gives
 * Redis 150 ms per consume (its connection 250 ms per command), then counts in memory for a
 * cool-down: right for a slow Redis, but on a loaded machine the timer can fire before a reply
 * that has already arrived is read, and the budget splits between Redis and memory (a request
 * past the budget is allowed). These tests are about the counting; the timeouts are tested with
 * a stalled Redis in test/security/rate-limits.test.ts.
 */
export const PATIENT_REDIS_MS = 5_000;
