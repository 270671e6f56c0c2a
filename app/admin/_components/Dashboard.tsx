'use client';

import { useRouter } from 'next/navigation';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import type { AuditEntry } from '@/lib/admin/audit-log';
import type { AdminService, RedisHealthReport } from '@/lib/admin/service';
import { AdminApiError, adminFetch } from './admin-api';
import { AuditLogTable } from './AuditLogTable';
import { dateTime } from './format';
import { HitRateChart } from './HitRateChart';
import { InvalidatePanel } from './InvalidatePanel';
import { LogoutButton } from './LogoutButton';
import { HitRateWindows, isQuiet, NamespaceCards, READS_TO_JUDGE } from './NamespaceCards';
import { RedisHealthPanel } from './RedisHealthPanel';
import { ResetStatsButton } from './ResetStatsButton';
import { type SavingsReport, SavingsPanel } from './SavingsPanel';
import styles from './admin.module.css';

type Overview = Awaited<ReturnType<AdminService['overview']>>;

const REFRESH_MS = 5000;

interface DashboardData {
  overview: Overview | null;
  health: RedisHealthReport | null;
  savings: SavingsReport | null;
  audit: AuditEntry[] | null;
}

/** Polls the admin APIs every few seconds (skipping hidden tabs) and renders without reloading. */
export function Dashboard({ csrfToken }: { csrfToken: string }) {
  const [data, setData] = useState<DashboardData>({
    overview: null,
    health: null,
    savings: null,
    audit: null,
  });
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const router = useRouter();

  const refresh = useCallback(async () => {
    try {
      const [overview, health, savings, audit] = await Promise.all([
        adminFetch<Overview>('/api/admin/cache/overview'),
        adminFetch<RedisHealthReport>('/api/admin/cache/health'),
        adminFetch<SavingsReport>('/api/admin/cache/savings'),
        adminFetch<{ entries: AuditEntry[] }>('/api/admin/cache/audit?limit=50'),
      ]);
      setData({ overview, health, savings, audit: audit.entries });
      setUpdatedAt(new Date().toISOString());
      setFailure(null);
    } catch (error) {
      // The session ended (logout elsewhere, expiry): back to the login form, not stale numbers.
      if (error instanceof AdminApiError && error.status === 401) router.replace('/admin/login');
      setFailure(error instanceof Error ? error.message : 'unknown error');
    }
  }, [router]);

  useEffect(() => {
    // Deferred a tick so the first fetch's state updates happen outside the effect's own body.
    const first = setTimeout(() => void refresh(), 0);
    const timer = setInterval(() => {
      if (!document.hidden) void refresh();
    }, REFRESH_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [refresh]);

  const { overview } = data;
  const redisUp = data.health?.redis !== 'down';

  return (
    <div className={styles.dashboard}>
      <div className={styles.toolbar}>
        <h1>Cache dashboard</h1>
        <LogoutButton csrfToken={csrfToken} />
      </div>
      <p className={styles.muted} aria-live="polite">
        {failure
          ? `Could not refresh (${failure}); retrying every ${REFRESH_MS / 1000} s.`
          : updatedAt
            ? `Updated ${dateTime(updatedAt)}; refreshes every ${REFRESH_MS / 1000} s.`
            : 'Loading…'}
      </p>

      {!redisUp && (
        <p className={styles.alert} role="alert">
          Redis is down. Learners are still served from memory and the upstream services. Fleet-wide
          statistics are unavailable until it returns; each namespace shows this instance&apos;s own
          counters instead.
        </p>
      )}

      <Panel id="overall" title="Overall hit rate">
        {overview ? (
          <>
            {isQuiet(overview.overall.windows.last24h) && (
              <p className={styles.muted} data-testid="no-traffic">
                No traffic yet: hit rates and savings appear once learners use the app. A cold cache
                misses its first reads, so rates stay grey until {READS_TO_JUDGE} reads.
              </p>
            )}
            <HitRateWindows windows={overview.overall.windows} />
            <HitRateChart
              target={overview.target}
              series={[
                { name: 'all', points: overview.overall.series },
                ...overview.namespaces.map((row) => ({ name: row.namespace, points: row.series })),
              ]}
            />
          </>
        ) : (
          <p className={styles.muted}>Loading…</p>
        )}
      </Panel>

      <Panel id="namespaces" title="Namespaces">
        {overview && <NamespaceCards namespaces={overview.namespaces} redisUp={redisUp} />}
      </Panel>

      <div className={styles.columns}>
        <Panel id="savings" title="What the cache saved">
          <SavingsPanel savings={data.savings} />
        </Panel>
        <Panel id="redis" title="Redis health">
          <RedisHealthPanel health={data.health} />
        </Panel>
      </div>

      <Panel id="invalidate" title="Invalidate">
        {overview && (
          <InvalidatePanel
            namespaces={overview.namespaces}
            csrfToken={csrfToken}
            onDone={() => void refresh()}
          />
        )}
        <ResetStatsButton csrfToken={csrfToken} onDone={() => void refresh()} />
      </Panel>

      <Panel id="audit" title="Audit log">
        <AuditLogTable entries={data.audit} />
      </Panel>
    </div>
  );
}

/** One titled dashboard section, named by its heading for screen readers. */
function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className={styles.panel}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}
