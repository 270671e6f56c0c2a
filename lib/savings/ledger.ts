import type { Cluster, Redis } from 'ioredis';

/** What a cache hit saved that the cache's own counters cannot know: the size of the upstream work. */
export type SavingsUnit = 'ttsCharacters' | 'aiTokens';

export type SavingsTotals = Record<SavingsUnit, number>;

const HOUR_MS = 3600_000;
export const SAVINGS_WINDOW_HOURS = 24;

/**
 * Fleet-wide hourly counters in Redis. Feature code calls `record` when it serves a hit (TTS: the
 * characters of the text; AI: the tokens of the cached reply), so the dashboard can price what was
 * not paid for. Recording is best effort: a Redis failure must never fail a learner's request.
 */
export function createSavingsLedger({
  redis,
  prefix,
  now = () => Date.now(),
}: {
  redis: Redis | Cluster;
  /** The cache prefix; keys share one hash slot so a reset is one command on a cluster too. */
  prefix: string;
  now?: () => number;
}) {
  const hourKey = (hourStart: number) => `${prefix}:_admin:{${prefix}:savings}:${hourStart}`;
  const currentHour = () => Math.floor(now() / HOUR_MS) * HOUR_MS;
  const windowKeys = () =>
    Array.from({ length: SAVINGS_WINDOW_HOURS + 1 }, (_, age) =>
      hourKey(currentHour() - age * HOUR_MS),
    );

  return {
    async record(unit: SavingsUnit, amount: number): Promise<void> {
      if (!Number.isFinite(amount) || amount <= 0) return;
      const key = hourKey(currentHour());
      try {
        await redis
          .multi()
          .hincrby(key, unit, Math.round(amount))
          .pexpire(key, (SAVINGS_WINDOW_HOURS + 2) * HOUR_MS)
          .exec();
      } catch {
        // Best effort by design (see above); the hit itself was already served.
      }
    },

    /** Totals over the last 24 h (hourly resolution); throws when Redis cannot be read. */
    async totals(): Promise<SavingsTotals> {
      const pipeline = redis.multi();
      for (const key of windowKeys()) pipeline.hmget(key, 'ttsCharacters', 'aiTokens');
      const replies = (await pipeline.exec()) ?? [];
      const totals: SavingsTotals = { ttsCharacters: 0, aiTokens: 0 };
      for (const [error, fields] of replies) {
        if (error) throw error;
        const [characters, tokens] = fields as (string | null)[];
        totals.ttsCharacters += Number(characters ?? 0);
        totals.aiTokens += Number(tokens ?? 0);
      }
      return totals;
    },

    async reset(): Promise<void> {
      await redis.del(...windowKeys());
    },
  };
}

export type SavingsLedger = ReturnType<typeof createSavingsLedger>;
