import type { AppNamespace } from '@/lib/app-cache';
import { tutorWithinCeiling } from '@/lib/budget/ceiling-providers';
import type { Cache } from '@/lib/cache';
import type { AppConfig } from '@/lib/config';
import type { PrismaClient } from '@/lib/db/client';
import type { AppRateLimiters } from '@/lib/rate-limit/app-rate-limits';
import type { SavingsLedger } from '@/lib/savings/ledger';
import { tutorProviderFromConfig } from './provider-from-config';
import { estimateTokens } from './token-estimate';
import { createTutorService, type TutorService } from './tutor-service';

export interface AppTutorDependencies {
  settings: AppConfig;
  cache: Cache<AppNamespace>;
  db: PrismaClient;
  limits: AppRateLimiters;
  savings: SavingsLedger;
}

/**
 * The app's tutor, wired to what lib/server hands it. Tests build their own with
 * `createTutorService`.
 */
export function createAppTutor({
  settings,
  cache,
  db,
  limits,
  savings,
}: AppTutorDependencies): TutorService {
  const { provider, model } = tutorProviderFromConfig(settings, db);
  return createTutorService({
    cache,
    db,
    provider: tutorWithinCeiling(provider, limits.spending.ai),
    model,
    rateLimiter: limits.chat,
    onReplyReused: (reply) => void savings.record('aiTokens', estimateTokens(reply)),
  });
}
