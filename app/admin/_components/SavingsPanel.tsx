import type { AdminService } from '@/lib/admin/service';
import { count, usd } from './format';
import styles from './admin.module.css';

export type SavingsReport = Awaited<ReturnType<AdminService['savings']>>;

export function SavingsPanel({ savings }: { savings: SavingsReport | null }) {
  if (!savings) return <p className={styles.muted}>Loading savings…</p>;
  const { prices } = savings;
  return (
    <dl className={styles.facts}>
      <dt>Upstream calls avoided ({savings.windowHours} h)</dt>
      <dd>
        {count(savings.totalUpstreamCallsAvoided)}{' '}
        <span className={styles.small}>
          (
          {Object.entries(savings.upstreamCallsAvoided)
            .map(([namespace, hits]) => `${namespace} ${count(hits as number)}`)
            .join(', ')}
          )
        </span>
      </dd>
      <dt>Speech characters not synthesised</dt>
      <dd>{count(savings.ttsCharactersSaved)}</dd>
      <dt>AI tokens not generated</dt>
      <dd>{count(savings.aiTokensSaved)}</dd>
      {savings.spending.map((usage) => (
        <div key={usage.upstream}>
          <dt>{usage.upstream === 'tts' ? 'Speech' : 'Tutor'} spending this minute</dt>
          <dd>
            {count(usage.used)} of {count(usage.limit)}{' '}
            {usage.upstream === 'tts' ? 'characters' : 'replies'}{' '}
            <span className={styles.small}>
              ({Math.round((100 * usage.used) / usage.limit)}% of the ceiling
              {usage.scope === 'instance' ? '; Redis down, this instance only' : ', fleet-wide'})
            </span>
          </dd>
        </div>
      ))}
      <dt>Estimated money saved</dt>
      <dd>
        {usd(savings.estimatedUsd?.total ?? null)}{' '}
        <span className={styles.small}>
          at {usd(prices.ttsUsdPerMillionCharacters)} per million characters and{' '}
          {usd(prices.aiUsdPerMillionTokens)} per million tokens
        </span>
      </dd>
    </dl>
  );
}
