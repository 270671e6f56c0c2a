import { appCache } from '@/lib/app-cache';
import { config } from '@/lib/config';
import { prisma } from '@/lib/db/client';
import { createProgress, type Progress } from './progress';

export { createProgress, type Progress, type ProgressCache } from './progress';
export type { DueCard } from './due-cards';
export type { ProgressSummary } from './summary';
export { REVIEW_SESSION_SIZE } from './session-size';
export { IdempotencyKeyInProgressError } from './review-idempotency';

let service: Progress | undefined;

/** The app's progress service, over the process's cache and database. */
export function appProgress(): Progress {
  service ??= createProgress({
    db: prisma(),
    cache: appCache(),
    newCardsPerDay: config().NEW_CARDS_PER_DAY,
  });
  return service;
}
