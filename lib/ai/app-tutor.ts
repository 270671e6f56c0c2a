import { appAdmin } from '@/lib/admin/app-admin';
import { appCache } from '@/lib/app-cache';
import { tutorWithinCeiling } from '@/lib/budget/ceiling-providers';
import { config } from '@/lib/config';
import { prisma } from '@/lib/db/client';
import { appRateLimiters } from '@/lib/rate-limit/app-rate-limits';
import { tutorProviderFromConfig } from './provider-from-config';
import { estimateTokens } from './token-estimate';
import { createTutorService, type TutorService } from './tutor-service';

/**
 * The app's tutor, wired to the app's cache, database and configuration. Tests build their own
 * with `createTutorService`.
 */
function createAppTutor(): TutorService {
  const settings = config();
  const db = prisma();
  const { provider, model } = tutorProviderFromConfig(settings, db);
  const limits = appRateLimiters();
  return createTutorService({
    cache: appCache(),
    db,
    provider: tutorWithinCeiling(provider, limits.spending.ai),
    model,
    rateLimiter: limits.chat,
    onReplyReused: (reply) => void appAdmin().savings.record('aiTokens', estimateTokens(reply)),
  });
}

// On globalThis so Next's dev hot reload keeps one tutor (and one in-flight reply table).
const holder = globalThis as typeof globalThis & { tingshuoTutor?: TutorService };

/** This process's tutor service. */
export function appTutor(): TutorService {
  holder.tingshuoTutor ??= createAppTutor();
  return holder.tingshuoTutor;
}
