import type { Metadata } from 'next';
import { Dashboard } from '../_components/Dashboard';
import { requireAdminPage } from '../_lib/admin-session';

export const metadata: Metadata = { title: 'Cache dashboard', robots: { index: false } };

export default async function AdminPage() {
  const session = await requireAdminPage();
  // The synchronizer token reaches the client only inside a page the session cookie unlocked.
  return <Dashboard csrfToken={session.csrfToken} />;
}
