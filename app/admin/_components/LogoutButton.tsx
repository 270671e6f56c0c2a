'use client';

import { useRouter } from 'next/navigation';
import { adminFetch } from './admin-api';
import styles from './admin.module.css';

export function LogoutButton({ csrfToken }: { csrfToken: string }) {
  const router = useRouter();
  return (
    <button
      type="button"
      className={styles.button}
      onClick={() => {
        // Logged out either way: a failed call leaves a session that expires on its own.
        void adminFetch('/api/admin/logout', { csrfToken, body: {} })
          .catch(() => undefined)
          .then(() => router.replace('/admin/login'));
      }}
    >
      Log out
    </button>
  );
}
