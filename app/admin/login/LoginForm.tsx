'use client';

import { useId, useState, useSyncExternalStore } from 'react';
import { AdminApiError, adminFetch } from '../_components/admin-api';
import styles from '../_components/admin.module.css';

const noSubscription = () => () => undefined;

/**
 * True once React runs this form in the browser: on the server's HTML it is false. Until then a
 * press of the button would submit the bare HTML form (a reload that drops the password), so the
 * button waits; what was typed meanwhile is read from the field itself when it is sent.
 */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

export function LoginForm() {
  const inputId = useId();
  const errorId = useId();
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function logIn(secret: string) {
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
      // Never GET: a form sent without its script must not put the password in a URL.
      method="post"
      onSubmit={(event) => {
        event.preventDefault();
        void logIn(String(new FormData(event.currentTarget).get('secret') ?? ''));
      }}
    >
      <div className={styles.field}>
        <label htmlFor={inputId}>Admin password or token</label>
        <input
          id={inputId}
          className={styles.input}
          type="password"
          autoComplete="current-password"
          name="secret"
          required
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
        />
      </div>
      <p id={errorId} role="alert" className={styles.bad}>
        {error}
      </p>
      <div className={styles.actions}>
        <button type="submit" className={styles.primary} disabled={busy || !hydrated}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </div>
    </form>
  );
}
