import type { Cluster, Redis } from 'ioredis';

/** What a cache hit saved that the cache's own counters cannot know: the size of the upstream work. */
export type SavingsUnit = 'ttsCharacters' | 'aiTokens';

export type SavingsTotals = Record<SavingsUnit, number>;

const HOUR_MS = 3600_000;
export const SAVINGS_WINDOW_HOURS = 24;
/**
 * How long hits are summed in memory before one write, so that a cached speech lookup or tutor
 * reply does not cost one more Redis transaction per request on its hot path.
 */
const FLUSH_AFTER_MS = 250;

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

  // Amounts recorded since the last write, by hour key, and the write that will carry them.
  let pending = new Map<string, Map<SavingsUnit, number>>();
  let nextWrite: Promise<void> | undefined;

  async function write(): Promise<void> {
    const batch = pending;
    pending = new Map();
    nextWrite = undefined;
    const transaction = redis.multi();
    for (const [key, amounts] of batch) {
      for (const [unit, amount] of amounts) transaction.hincrby(key, unit, amount);
      transaction.pexpire(key, (SAVINGS_WINDOW_HOURS + 2) * HOUR_MS);
    }
    try {
      await transaction.exec();
    } catch {
      // Best effort by design (see above); the hits themselves were already served.
    }
  }

  return {
    /**
     * Adds to this process's running sum; settles once the sum is written, one transaction for
     * every hit of the last FLUSH_AFTER_MS (callers on the request path do not wait for it).
     */
    record(unit: SavingsUnit, amount: number): Promise<void> {
      if (!Number.isFinite(amount) || amount <= 0) return Promise.resolve();
      const key = hourKey(currentHour());
      const amounts = pending.get(key) ?? new Map<SavingsUnit, number>();
      amounts.set(unit, (amounts.get(unit) ?? 0) + Math.round(amount));
      pending.set(key, amounts);
      nextWrite ??= new Promise((resolve) => setTimeout(resolve, FLUSH_AFTER_MS).unref()).then(
        write,
      );
      return nextWrite;
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
