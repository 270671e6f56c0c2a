import type { AuditEntry } from '@/lib/admin/audit-log';
import { count, dateTime } from './format';
import styles from './admin.module.css';

export function AuditLogTable({ entries }: { entries: AuditEntry[] | null }) {
  if (!entries) return <p className={styles.muted}>Loading the audit log…</p>;
  if (entries.length === 0) return <p className={styles.muted}>Nothing invalidated yet.</p>;
  return (
    // A focusable scroll region: on a phone the table scrolls sideways instead of overflowing the page.
    <div className={styles.tableScroll} role="region" aria-label="Audit log" tabIndex={0}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Scope</th>
            <th scope="col">Namespace</th>
            <th scope="col">Target</th>
            <th scope="col">Result</th>
            <th scope="col">Affected</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{dateTime(entry.createdAt)}</td>
              <td>{entry.actor}</td>
              <td>{entry.scope.replace('_', ' ')}</td>
              <td>{entry.namespace ?? '—'}</td>
              <td className={styles.code}>{entry.target ?? '—'}</td>
              <td className={entry.result.startsWith('ok') ? styles.ok : styles.bad}>
                {entry.result}
              </td>
              <td>{count(entry.affected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
