import { PageLoading } from '@/app/_components/page-loading';

export default function Loading() {
  return <PageLoading label="Loading your due cards…" cards={1} />;
}
