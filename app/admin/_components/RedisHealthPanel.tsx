import type { RedisHealthReport } from '@/lib/admin/service';
import { bytes, count, milliseconds } from './format';
import styles from './admin.module.css';

const BREAKER_MEANING = {
  closed: 'closed (Redis in use)',
  open: 'open (Redis skipped; serving from memory and the upstreams)',
  'half-open': 'half-open (probing whether Redis is back)',
} as const;

export function RedisHealthPanel({ health }: { health: RedisHealthReport | null }) {
  if (!health) return <p className={styles.muted}>Loading Redis health…</p>;
  const server = health.server;
  return (
    <>
      {health.redis === 'down' ? (
        <p className={styles.alert} role="status">
          <strong>Redis is down.</strong> The app keeps serving learners from each instance&apos;s
          memory cache and the upstream services; fleet-wide statistics pause until it returns.
          {health.error && <span className={styles.small}> ({health.error})</span>}
        </p>
      ) : (
        <p className={styles.ok} role="status">
          <strong>Redis is up.</strong>
        </p>
      )}
      {health.versionsEvictable && (
        <p className={styles.alert} role="alert">
          <strong>Redis may evict the cache&apos;s version counters.</strong> Its maxmemory-policy
          {server?.maxMemoryPolicy ? ` (${server.maxMemoryPolicy})` : ''} evicts any key; each
          evicted counter turns a whole namespace into misses. Set <code>noeviction</code> or a{' '}
          <code>volatile-*</code> policy.
        </p>
      )}
      <dl className={styles.facts}>
        <dt>Circuit breaker</dt>
        <dd>{BREAKER_MEANING[health.breaker]}</dd>
        {health.bus && (
          <>
            <dt>Invalidation bus</dt>
            <dd>
              {health.bus === 'up'
                ? 'up (heartbeat heard)'
                : 'down (no heartbeat: this instance serves nothing from memory until it returns)'}
            </dd>
          </>
        )}
        {server && (
          <>
            <dt>Memory</dt>
            <dd>
              {bytes(server.usedMemoryBytes)} of{' '}
              {server.maxMemoryBytes > 0 ? bytes(server.maxMemoryBytes) : 'no limit (maxmemory 0)'}
              {server.maxMemoryPolicy && ` · policy ${server.maxMemoryPolicy}`}
            </dd>
            <dt>Evicted keys</dt>
            <dd>{count(server.evictedKeys)}</dd>
            <dt>Operations per second</dt>
            <dd>{count(server.opsPerSecond)}</dd>
            <dt>PING latency</dt>
            <dd>
              {milliseconds(server.pingMs)}
              {server.nodes > 1 && ` (worst of ${server.nodes} masters)`}
            </dd>
          </>
        )}
      </dl>
    </>
  );
}
