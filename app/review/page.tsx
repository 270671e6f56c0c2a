import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { connection } from 'next/server';
import { parseReviewDirection } from '@/lib/display/review-direction';
import { LEARNER_COOKIE, learnerIdFromCookie } from '@/lib/learner/cookie';
import { REVIEW_SESSION_SIZE } from '@/lib/progress';
import { appProgress } from '@/lib/server/learning';
import { DirectionPicker } from './direction-picker';
import { ReviewSession } from './review-session';

export const metadata: Metadata = { title: 'Review' };

type Props = { searchParams: Promise<{ direction?: string | string[] }> };

export default async function ReviewPage({ searchParams }: Props) {
  const jar = await cookies();
  const direction = parseReviewDirection((await searchParams).direction);
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
    progress.dueCards(learnerId, REVIEW_SESSION_SIZE),
    progress.progressSummary(learnerId),
  ]);
  return (
    <>
      <h1>Review</h1>
      <DirectionPicker current={direction} />
      <ReviewSession
        key={direction}
        initialCards={cards}
        initialSummary={summary}
        direction={direction}
      />
    </>
  );
}
