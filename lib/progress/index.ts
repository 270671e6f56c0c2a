export { createProgress, type Progress, type ProgressCache } from './progress';
export type { DueCard } from './due-cards';
export type { ProgressSummary } from './summary';
export { REVIEW_SESSION_SIZE } from './session-size';
export { IdempotencyKeyInProgressError } from './review-idempotency';
