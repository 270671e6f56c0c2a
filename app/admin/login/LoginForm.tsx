'use client';

import { useId, useState } from 'react';
import { AdminApiError, adminFetch } from '../_components/admin-api';
import styles from '../_components/admin.module.css';

export function LoginForm() {
  const inputId = useId();
  const errorId = useId();
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function logIn() {
    setBusy(true);
    setError(null);
    try {
      // Logins are not CSRF-token protected (there is no session yet); the server checks Origin.
      await adminFetch('/api/admin/login', { body: { secret } });
      // A full navigation: the client router may still hold /admin's earlier answer (the
      // redirect to this form), which a soft navigation would replay.
      window.location.replace('/admin');
    } catch (failure) {
      setError(
        failure instanceof AdminApiError && failure.status === 429
          ? `Too many attempts. Try again in ${failure.retryAfterSeconds ?? 60} seconds.`
          : failure instanceof AdminApiError
            ? failure.message
            : 'Could not reach the server.',
      );
      setBusy(false);
    }
  }

  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        void logIn();
      }}
    >
      <div className={styles.field}>
        <label htmlFor={inputId}>Admin password or token</label>
        <input
          id={inputId}
          className={styles.input}
          type="password"
          autoComplete="current-password"
          required
          value={secret}
          onChange={(event) => setSecret(event.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
        />
      </div>
      <p id={errorId} role="alert" className={styles.bad}>
        {error}
      </p>
      <div className={styles.actions}>
        <button type="submit" className={styles.primary} disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </div>
    </form>
  );
}
