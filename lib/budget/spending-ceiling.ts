import type { Cluster, Redis } from 'ioredis';
import { log } from '@/lib/log/logger';

/** A paid upstream whose spending has a fleet-wide ceiling. */
export type PaidUpstream = 'tts' | 'ai';

/** The fleet has spent this minute's budget for `upstream`: nobody calls it until the next. */
export class SpendingCeilingError extends Error {
  override readonly name = 'SpendingCeilingError';
  constructor(
    readonly upstream: PaidUpstream,
    readonly retryAfterSeconds: number,
  ) {
    super(`The ${upstream} spending ceiling for this minute is reached`);
  }
}

export interface SpendingUsage {
  upstream: PaidUpstream;
  /** Units charged so far this minute (characters for speech, calls for the tutor). */
  used: number;
  limit: number;
  /** 'fleet': counted in Redis for every instance; 'instance': Redis unreachable, this one only. */
  scope: 'fleet' | 'instance';
}

export interface SpendingCeiling {
  readonly upstream: PaidUpstream;
  /**
   * Charges `units` to this minute before an upstream call; throws SpendingCeilingError (and
   * charges nothing) when that would pass the limit. Runs on every real upstream call, whatever
   * the client sent: no cookie, header or address changes which counter is charged.
   */
  charge(units: number): Promise<void>;
  usage(): Promise<SpendingUsage>;
}

const MINUTE_MS = 60_000;

// Adds the units only while they fit under the limit, so refused calls never eat the budget of
// the next ones; the key lives two minutes, past the minute it counts.
const CHARGE = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local units = tonumber(ARGV[1])
if used + units > tonumber(ARGV[2]) then return -1 end
redis.call('INCRBY', KEYS[1], units)
redis.call('PEXPIRE', KEYS[1], 120000)
return used + units`;

/**
 * A per-minute budget for one paid upstream, shared by the fleet through one Redis counter per
 * minute. While Redis cannot be reached each instance counts for itself against the same limit
 * (so the fleet's ceiling becomes limit × instances for that time) and says so in `usage()`.
 */
export function createSpendingCeiling({
  redis,
  prefix,
  upstream,
  limitPerMinute,
  now = () => Date.now(),
}: {
  redis: Redis | Cluster;
  prefix: string;
  upstream: PaidUpstream;
  limitPerMinute: number;
  now?: () => number;
}): SpendingCeiling {
  const local = { minute: 0, used: 0 };
  const minuteOf = () => Math.floor(now() / MINUTE_MS) * MINUTE_MS;
  const key = () => `${prefix}:_budget:${upstream}:${minuteOf()}`;
  const retryAfter = () => Math.max(1, Math.ceil((minuteOf() + MINUTE_MS - now()) / 1000));
  const localUsed = () => (local.minute === minuteOf() ? local.used : 0);

  const chargeLocally = (units: number) => {
    if (localUsed() + units > limitPerMinute)
      throw new SpendingCeilingError(upstream, retryAfter());
    local.used = localUsed() + units;
    local.minute = minuteOf();
  };

  return {
    upstream,
    async charge(units) {
      let total: number;
      try {
        total = Number(await redis.eval(CHARGE, 1, key(), units, limitPerMinute));
      } catch (error) {
        log.warn({ err: error, upstream }, 'spending ceiling: Redis unreachable, counting locally');
        chargeLocally(units);
        return;
      }
      if (total < 0) throw new SpendingCeilingError(upstream, retryAfter());
    },
    async usage() {
      try {
        const used = Number((await redis.get(key())) ?? 0);
        return { upstream, used, limit: limitPerMinute, scope: 'fleet' };
      } catch {
        return { upstream, used: localUsed(), limit: limitPerMinute, scope: 'instance' };
      }
    },
  };
}
