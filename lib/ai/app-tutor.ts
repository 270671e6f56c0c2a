import type { AppNamespace } from '@/lib/app-cache';
import { tutorWithinCeiling } from '@/lib/budget/ceiling-providers';
import type { SpendingCeiling } from '@/lib/budget/spending-ceiling';
import type { Cache } from '@/lib/cache';
import type { AppConfig } from '@/lib/config';
import type { PrismaClient } from '@/lib/db/client';
import type { SavingsLedger } from '@/lib/savings/ledger';
import { tutorProviderFromConfig } from './provider-from-config';
import { estimateTokens } from './token-estimate';
import { createTutorService, type TutorService } from './tutor-service';

export interface AppTutorDependencies {
  settings: AppConfig;
  cache: Cache<AppNamespace>;
  db: PrismaClient;
  ceiling: SpendingCeiling;
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
  ceiling,
  savings,
}: AppTutorDependencies): TutorService {
  const { provider, model } = tutorProviderFromConfig(settings, db);
  return createTutorService({
    cache,
    db,
    provider: tutorWithinCeiling(provider, ceiling),
    model,
    onReplyReused: (reply) => void savings.record('aiTokens', estimateTokens(reply)),
  });
}
