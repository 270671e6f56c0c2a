'use client';

import { useId, useState } from 'react';
import type { NamespaceOverview } from '@/lib/admin/service';
import type { InspectResult } from '@/lib/cache';
import { invalidateCache } from '../actions';
import { AdminApiError, adminFetch } from './admin-api';
import { ConfirmDialog } from './ConfirmDialog';
import { bytes, count, duration } from './format';
import styles from './admin.module.css';

type Scope = 'namespace' | 'tag' | 'key';
type KeyMode = 'delete' | 'expire';

const KEY_MODES: { value: KeyMode; label: string }[] = [
  { value: 'delete', label: 'Delete (gone now)' },
  { value: 'expire', label: 'Expire (served stale during its grace period while it refreshes)' },
];

type Pending =
  | { scope: 'namespace'; namespace: string; approximateKeys: number }
  | { scope: 'tag'; namespace: string; tag: string }
  | {
      scope: 'key';
      namespace: string;
      key: string;
      mode: KeyMode;
      entry: InspectResult | null;
    };

/** Invalidate a namespace, a tag or one key: review what it affects, confirm, then it is audited. */
export function InvalidatePanel({
  namespaces,
  csrfToken,
  onDone,
}: {
  namespaces: NamespaceOverview[];
  csrfToken: string;
  onDone: () => void;
}) {
  const ids = { scope: useId(), namespace: useId(), target: useId(), mode: useId() };
  const [scope, setScope] = useState<Scope>('key');
  const [namespace, setNamespace] = useState(namespaces[0]?.namespace ?? '');
  const [target, setTarget] = useState('');
  const [mode, setMode] = useState<KeyMode>('delete');
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const selected = namespaces.find((row) => row.namespace === namespace);

  async function review() {
    setMessage(null);
    if (scope === 'namespace') {
      setPending({ scope, namespace, approximateKeys: selected?.approximateKeys ?? 0 });
    } else if (scope === 'tag') {
      setPending({ scope, namespace, tag: target.trim() });
    } else {
      setBusy(true);
      try {
        const query = new URLSearchParams({ namespace, key: target.trim() });
        const found = await adminFetch<{ entry: InspectResult | null }>(
          `/api/admin/cache/keys?${query}`,
        );
        setPending({ scope, namespace, key: target.trim(), mode, entry: found.entry });
      } catch (error) {
        setMessage({ ok: false, text: describe(error) });
      } finally {
        setBusy(false);
      }
    }
  }

  async function confirm(request: Pending) {
    setBusy(true);
    try {
      const body =
        request.scope === 'namespace'
          ? { scope: 'namespace', namespace: request.namespace }
          : request.scope === 'tag'
            ? { scope: 'tag', namespace: request.namespace, tag: request.tag }
            : { scope: 'key', namespace: request.namespace, key: request.key, mode: request.mode };
      const outcome = await invalidateCache(csrfToken, body);
      if (outcome.ok) {
        const { affected } = outcome.value;
        setMessage({
          ok: true,
          text: `Done: ${summary(request)}${affected !== null ? ` (${count(affected)} affected)` : ''}. Recorded in the audit log.`,
        });
        setTarget('');
      } else {
        setMessage({ ok: false, text: outcome.failure.message });
      }
    } catch (error) {
      setMessage({ ok: false, text: describe(error) });
    } finally {
      setBusy(false);
      setPending(null);
      onDone();
    }
  }

  return (
    <>
      <form
        className={styles.form}
        onSubmit={(event) => {
          event.preventDefault();
          void review();
        }}
      >
        <div className={styles.field}>
          <label htmlFor={ids.scope}>What to invalidate</label>
          <select
            id={ids.scope}
            className={styles.input}
            value={scope}
            onChange={(event) => setScope(event.target.value as Scope)}
          >
            <option value="key">One key</option>
            <option value="tag">A tag</option>
            <option value="namespace">A whole namespace (everything in it)</option>
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor={ids.namespace}>Namespace</label>
          <select
            id={ids.namespace}
            className={styles.input}
            value={namespace}
            onChange={(event) => setNamespace(event.target.value)}
          >
            {namespaces.map((row) => (
              <option key={row.namespace}>{row.namespace}</option>
            ))}
          </select>
        </div>
        {scope !== 'namespace' && (
          <div className={styles.field}>
            <label htmlFor={ids.target}>{scope === 'key' ? 'Key' : 'Tag'}</label>
            <input
              id={ids.target}
              className={`${styles.input} ${styles.code}`}
              value={target}
              onChange={(event) => setTarget(event.target.value)}
              required
              spellCheck={false}
              autoCapitalize="off"
              aria-describedby={scope === 'tag' ? `${ids.target}-hint` : undefined}
            />
            {scope === 'tag' && (
              <small id={`${ids.target}-hint`} className={styles.muted}>
                Known shapes: {selected?.tagShapes.join(', ') || 'none'}
              </small>
            )}
          </div>
        )}
        {scope === 'key' && (
          <fieldset className={styles.field}>
            <legend>How</legend>
            {KEY_MODES.map((option) => (
              <label key={option.value}>
                <input
                  type="radio"
                  name={ids.mode}
                  checked={mode === option.value}
                  onChange={() => setMode(option.value)}
                />{' '}
                {option.label}
              </label>
            ))}
          </fieldset>
        )}
        <div className={styles.actions}>
          <button type="submit" className={styles.button} disabled={busy}>
            {scope === 'key' ? 'Look up and review…' : 'Review…'}
          </button>
        </div>
      </form>
      <p role="status" className={message ? (message.ok ? styles.ok : styles.bad) : undefined}>
        {message?.text}
      </p>
      {pending && (
        <ConfirmDialog
          title={`Invalidate ${summary(pending)}?`}
          confirmLabel={
            pending.scope === 'key' && pending.mode === 'expire' ? 'Expire' : 'Invalidate'
          }
          typeToConfirm={pending.scope === 'namespace' ? pending.namespace : undefined}
          busy={busy}
          onConfirm={() => void confirm(pending)}
          onClose={() => setPending(null)}
        >
          <Effect pending={pending} />
        </ConfirmDialog>
      )}
    </>
  );
}

function Effect({ pending }: { pending: Pending }) {
  switch (pending.scope) {
    case 'namespace':
      return (
        <p>
          Every entry in <strong>{pending.namespace}</strong> (about{' '}
          {count(pending.approximateKeys)} keys) becomes a miss on every instance at once. The next
          requests go to the upstream service.
        </p>
      );
    case 'tag':
      return (
        <p>
          Every <strong>{pending.namespace}</strong> entry tagged{' '}
          <code className={styles.code}>{pending.tag}</code> becomes a miss on every instance.
        </p>
      );
    case 'key':
      return pending.entry?.exists ? (
        <dl className={styles.facts}>
          <dt>Key</dt>
          <dd className={styles.code}>{pending.key}</dd>
          <dt>Time to live</dt>
          <dd>
            {pending.entry.stale ? 'stale (in its grace period)' : duration(pending.entry.ttlMs)}
          </dd>
          <dt>Size</dt>
          <dd>{bytes(pending.entry.sizeBytes)}</dd>
          <dt>Age</dt>
          <dd>{duration(pending.entry.ageMs)}</dd>
        </dl>
      ) : (
        <p>
          <code className={styles.code}>{pending.key}</code> is not in the cache right now;
          invalidating it still clears any copy an instance holds in memory.
        </p>
      );
  }
}

function summary(pending: Pending): string {
  switch (pending.scope) {
    case 'namespace':
      return `the whole ${pending.namespace} namespace`;
    case 'tag':
      return `tag ${pending.tag} in ${pending.namespace}`;
    case 'key':
      return `key ${pending.key} in ${pending.namespace}`;
  }
}

function describe(error: unknown): string {
  return error instanceof AdminApiError
    ? error.message
    : 'The request failed; check the connection and try again.';
}
