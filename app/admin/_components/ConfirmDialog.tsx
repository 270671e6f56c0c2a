'use client';

import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import styles from './admin.module.css';

/**
 * A native modal <dialog>: the browser traps focus, Escape cancels, and screen readers announce it.
 * With `typeToConfirm`, the confirm button stays disabled until that word is typed.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  typeToConfirm,
  busy,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  typeToConfirm?: string;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  const titleId = useId();
  const inputId = useId();

  // React StrictMode (npm run dev) runs this effect, its cleanup and the effect again. The
  // cleanup's close() queues a `close` event that arrives after the dialog is open again; see
  // onClose below.
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const confirmed = typeToConfirm === undefined || typed.trim() === typeToConfirm;

  return (
    <dialog
      ref={dialog}
      className={styles.dialog}
      aria-labelledby={titleId}
      // A `close` event while the dialog is open is the stale one from StrictMode's replayed
      // effect, not the learner closing it: ignoring it keeps the dialog up in development.
      onClose={(event) => {
        if (!event.currentTarget.open) onClose();
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (confirmed && !busy) onConfirm();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
        {typeToConfirm !== undefined && (
          <p>
            <label htmlFor={inputId}>
              Type <strong className={styles.code}>{typeToConfirm}</strong> to confirm
            </label>
            <input
              id={inputId}
              className={styles.input}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
              autoFocus
            />
          </p>
        )}
        <div className={styles.actions}>
          <button type="button" className={styles.button} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={styles.danger} disabled={!confirmed || busy}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
