'use client';

import { useState } from 'react';
import { AdminApiError, adminFetch } from './admin-api';
import { ConfirmDialog } from './ConfirmDialog';
import styles from './admin.module.css';

export function ResetStatsButton({ csrfToken, onDone }: { csrfToken: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function reset() {
    setBusy(true);
    try {
      await adminFetch('/api/admin/cache/stats/reset', { csrfToken, body: {} });
      setMessage({ ok: true, text: 'Statistics reset. Recorded in the audit log.' });
    } catch (error) {
      setMessage({
        ok: false,
        text: error instanceof AdminApiError ? error.message : 'Reset failed.',
      });
    } finally {
      setBusy(false);
      setOpen(false);
      onDone();
    }
  }

  return (
    <>
      <button type="button" className={styles.button} onClick={() => setOpen(true)}>
        Reset statistics…
      </button>
      <p role="status" className={message ? (message.ok ? styles.ok : styles.bad) : undefined}>
        {message?.text}
      </p>
      {open && (
        <ConfirmDialog
          title="Reset statistics?"
          confirmLabel="Reset"
          busy={busy}
          onConfirm={() => void reset()}
          onClose={() => setOpen(false)}
        >
          <p>
            Hit rates, charts, loader figures and savings start again from zero for the whole fleet.
            Cached entries are not touched.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
