import { PageLoading } from '@/app/_components/page-loading';

export default function Loading() {
  return <PageLoading label="Loading the lesson…" cards={3} />;
}
