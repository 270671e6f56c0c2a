import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { connection } from 'next/server';
import { DISPLAY_COOKIE, parseDisplaySettings } from '@/lib/display/settings';
import { LEARNER_COOKIE, learnerIdFromCookie } from '@/lib/learner/cookie';
import { appProgress } from '@/lib/progress';
import { ReviewSession } from './review-session';

export const metadata: Metadata = { title: 'Review' };

/** How many cards one visit of the page brings; the learner reloads for more. */
const SESSION_SIZE = 20;

export default async function ReviewPage() {
  const jar = await cookies();
  // proxy.ts gives every page visit a learner cookie, so this only fails with cookies blocked.
  const learnerId = learnerIdFromCookie(jar.get(LEARNER_COOKIE)?.value);
  if (!learnerId) {
    return (
      <>
        <h1>Review</h1>
        <p>
          Reviews are saved against a cookie in this browser. Allow cookies and reload the page.
        </p>
      </>
    );
  }
  // Request time only, never a prerender: the cache and progress reads below use the clock.
  await connection();
  const progress = appProgress();
  const [cards, { summary }] = await Promise.all([
    progress.dueCards(learnerId, SESSION_SIZE),
    progress.progressSummary(learnerId),
  ]);
  const display = parseDisplaySettings(jar.get(DISPLAY_COOKIE)?.value);
  return (
    <>
      <h1>Review</h1>
      <ReviewSession initialCards={cards} initialSummary={summary} pinyinShown={display.pinyin} />
    </>
  );
}
