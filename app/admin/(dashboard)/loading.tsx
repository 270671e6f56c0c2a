import { PageLoading } from '@/app/_components/page-loading';

// In a route group so that it covers the dashboard alone: the login form is not streamed
// behind a skeleton (a password typed into it before hydration would be wiped).
export default function Loading() {
  return <PageLoading label="Loading the cache dashboard…" cards={2} />;
}
