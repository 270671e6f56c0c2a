'use client';

import { useState } from 'react';
import { resetStatistics } from '../actions';
import { ConfirmDialog } from './ConfirmDialog';
import styles from './admin.module.css';

export function ResetStatsButton({ csrfToken, onDone }: { csrfToken: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function reset() {
    setBusy(true);
    try {
      const outcome = await resetStatistics(csrfToken);
      setMessage(
        outcome.ok
          ? { ok: true, text: 'Statistics reset. Recorded in the audit log.' }
          : { ok: false, text: outcome.failure.message },
      );
    } catch {
      setMessage({ ok: false, text: 'Reset failed; check the connection and try again.' });
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
