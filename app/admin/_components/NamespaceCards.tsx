import type { NamespaceOverview } from '@/lib/admin/service';
import type { NamespaceSummary, WindowSummary } from '@/lib/admin/stats-summary';
import { count, dateTime, milliseconds, percent } from './format';
import styles from './admin.module.css';

const WINDOW_LABELS = { last5m: '5 min', last1h: '1 h', last24h: '24 h' } as const;

/**
 * A cold cache misses its first reads by design: below this many reads a hit rate says nothing
 * about the cache yet, so it is shown in grey with its count instead of red "below target".
 */
export const READS_TO_JUDGE = 20;

/** No reads at all in the window. */
export function isQuiet(window: WindowSummary): boolean {
  return window.hits + window.misses + window.stale === 0;
}

function HitRateBadge({ window }: { window: WindowSummary }) {
  const reads = window.hits + window.misses + window.stale;
  const judged = window.meetsTarget !== null && reads >= READS_TO_JUDGE;
  const verdict =
    reads === 0
      ? 'no traffic yet'
      : !judged
        ? `only ${reads} ${reads === 1 ? 'read' : 'reads'} so far`
        : window.meetsTarget
          ? 'on target'
          : 'below target';
  const tone = !judged ? styles.muted : window.meetsTarget ? styles.ok : styles.bad;
  return (
    <span className={tone}>
      <strong>{percent(window.hitRate)}</strong> <span className={styles.small}>({verdict})</span>
    </span>
  );
}

/** Hit rate for the last 5 min / 1 h / 24 h, each with its verdict against the target in words. */
export function HitRateWindows({ windows }: { windows: NamespaceSummary['windows'] }) {
  return (
    <dl className={styles.rates}>
      {(Object.keys(WINDOW_LABELS) as (keyof typeof WINDOW_LABELS)[]).map((window) => (
        <div key={window}>
          <dt>Hit rate {WINDOW_LABELS[window]}</dt>
          <dd>
            <HitRateBadge window={windows[window]} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** One card per namespace: cards reflow to a single column at phone width, unlike a wide table. */
export function NamespaceCards({
  namespaces,
  redisUp,
}: {
  namespaces: NamespaceOverview[];
  redisUp: boolean;
}) {
  return (
    <div className={styles.cards}>
      {namespaces.map((row) => (
        <section
          key={row.namespace}
          className={styles.card}
          aria-labelledby={`ns-${row.namespace}`}
        >
          <h3 id={`ns-${row.namespace}`}>{row.namespace}</h3>
          <HitRateWindows windows={row.windows} />
          <dl className={styles.facts}>
            <dt>Hits / misses / stale (24 h)</dt>
            <dd>
              {count(row.windows.last24h.hits)} / {count(row.windows.last24h.misses)} /{' '}
              {count(row.windows.last24h.stale)}
            </dd>
            {!redisUp && (
              <>
                <dt>This instance since start</dt>
                <dd>
                  {count(row.thisInstance.hits)} hits, {count(row.thisInstance.misses)} misses (
                  {percent(row.thisInstance.hitRate)})
                </dd>
              </>
            )}
            <dt>Loader calls / errors (1 h)</dt>
            <dd>
              {count(row.loader.calls)} / {count(row.loader.errors)}
            </dd>
            <dt>Loader p50 / p95 (1 h)</dt>
            <dd>
              {milliseconds(row.loader.p50Ms)} / {milliseconds(row.loader.p95Ms)}
            </dd>
            <dt>Keys (approx.)</dt>
            <dd>{redisUp ? count(row.approximateKeys) : 'unknown while Redis is down'}</dd>
            <dt>Last invalidated</dt>
            <dd>
              {row.lastInvalidation ? (
                <>
                  {dateTime(row.lastInvalidation.createdAt)} by {row.lastInvalidation.actor} (
                  {row.lastInvalidation.scope}
                  {row.lastInvalidation.target ? ` ${row.lastInvalidation.target}` : ''})
                </>
              ) : (
                'never'
              )}
            </dd>
          </dl>
        </section>
      ))}
    </div>
  );
}
