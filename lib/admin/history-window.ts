import type { CacheStats, StatsBucket } from '@/lib/cache';

const MINUTE_MS = 60_000;
/** How often the whole window is re-read anyway (picks up another instance's statistics reset). */
const FULL_READ_EVERY_MS = 60_000;

/**
 * The last `minutes` of fleet buckets without re-reading minutes × namespaces Redis hashes on every
 * dashboard poll. Instances flush into the current minute only, so once a minute is over (plus one
 * more for a flush in flight) its bucket never changes: those are kept, and a poll re-reads only the
 * minutes since the previous one. Concurrent callers share one read.
 */
export function createHistoryWindow<N extends string>({
  stats,
  minutes,
  redisUp,
  now,
}: {
  stats: Pick<CacheStats<N>, 'history'>;
  minutes: number;
  /** While Redis is down `history` answers empty: nothing read then may be kept. */
  redisUp: () => boolean;
  now: () => number;
}) {
  let kept: { fullReadAt: number; readAt: number; buckets: StatsBucket[] } | undefined;
  let inFlight: Promise<StatsBucket[]> | undefined;

  async function read(): Promise<StatsBucket[]> {
    const at = now();
    const oldestMinute = floorMinute(at) - (minutes - 1) * MINUTE_MS;
    if (!kept || at - kept.fullReadAt > FULL_READ_EVERY_MS) {
      const buckets = await stats.history({ minutes });
      kept = redisUp() ? { fullReadAt: at, readAt: at, buckets } : undefined;
      return buckets;
    }
    const settledBefore = floorMinute(kept.readAt) - MINUTE_MS;
    const recent = await stats.history({
      minutes: (floorMinute(at) - settledBefore) / MINUTE_MS + 1,
    });
    const buckets = [
      ...kept.buckets.filter(
        (bucket) => bucket.minute >= oldestMinute && bucket.minute < settledBefore,
      ),
      ...recent,
    ];
    kept = redisUp() ? { fullReadAt: kept.fullReadAt, readAt: at, buckets } : undefined;
    return buckets;
  }

  return {
    read(): Promise<StatsBucket[]> {
      inFlight ??= read().finally(() => (inFlight = undefined));
      return inFlight;
    },
    /** After a statistics reset: what was kept is gone from Redis too. */
    forget(): void {
      kept = undefined;
    },
  };
}

function floorMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}
