'use server';

import { cookies } from 'next/headers';
import { LEARNER_COOKIE, learnerIdFromCookie } from '@/lib/learner/cookie';
import type { Outcome } from '@/lib/http/outcome';
import { serverAction } from '@/lib/http/server-action';
import { answerCard } from '@/lib/progress/answer-card';
import { appProgress } from '@/lib/server/learning';
import type { ProgressSummary } from '@/lib/progress';

/**
 * Rate one card for the cookie's learner: lib/progress/answer-card.ts, as `POST /api/reviews`.
 * The page sends one idempotency key per answer, so a retry after a lost reply replays the
 * first result instead of rating twice. Only what the page shows goes back.
 */
export async function rateCard(
  answer: unknown,
  idempotencyKey: unknown,
): Promise<Outcome<{ summary: ProgressSummary | null }>> {
  return serverAction(async () => {
    const learnerId = learnerIdFromCookie((await cookies()).get(LEARNER_COOKIE)?.value);
    const outcome = await answerCard(appProgress(), { learnerId, idempotencyKey }, async () => ({
      ok: true,
      value: answer,
    }));
    return outcome.ok ? { ok: true, value: { summary: outcome.value.summary } } : outcome;
  });
}
