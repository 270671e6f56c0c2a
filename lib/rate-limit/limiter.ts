import type { Cluster, Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { within } from '@/lib/async/deadline';

export interface Budget {
  /** Names the budget's counters (`learner`, `ip`); part of their Redis keys. */
  name: string;
  /** Requests allowed per key per window. */
  points: number;
}

export interface BudgetsOptions {
  redis: Redis | Cluster;
  /** Redis key prefix, e.g. `tingshuo:_ratelimit:tts`. */
  keyPrefix: string;
  /** Checked in this order: a request refused by one is not counted by the ones after it. */
  budgets: readonly Budget[];
  windowSeconds: number;
  /** Longest a request waits on Redis before this limiter counts in memory instead. */
  redisTimeoutMs?: number;
  /** After Redis failed or was slow, how long to count in memory before asking Redis again. */
  coolDownMs?: number;
  /** Where a Redis failure is reported (it never fails the request). */
  onRedisError?: (error: unknown) => void;
}

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface BudgetsLimiter {
  /** One key per budget, in the budgets' order. */
  consume(keys: readonly string[]): Promise<RateVerdict>;
}

const DEFAULT_REDIS_TIMEOUT_MS = 150;
const DEFAULT_COOL_DOWN_MS = 5_000;
const ALLOWED: RateVerdict = { allowed: true };

// Fixed windows, one counter per budget and key, all in ONE round trip: a request paid two
// sequential Redis calls (learner, then address) before, the largest cost of a cached speech
// lookup after Next itself. KEYS: the counters in order; ARGV[1]: the window in seconds,
// ARGV[1 + i]: the points of KEYS[i]. Returns -1 when every budget allows, else the ms until the
// refusing counter's window ends. A refused request stops at its budget, as before.
const SCRIPT_NAME = 'tingshuoConsumeBudgets';
const CONSUME_BUDGETS = `
for i, key in ipairs(KEYS) do
  redis.call('SET', key, 0, 'EX', ARGV[1], 'NX')
  local used = redis.call('INCR', key)
  if used > tonumber(ARGV[i + 1]) then
    local ttl = redis.call('PTTL', key)
    if ttl < 0 then
      redis.call('EXPIRE', key, ARGV[1])
      ttl = 1000 * tonumber(ARGV[1])
    end
    return ttl
  end
end
return -1`;

type ConsumeBudgets = (keyCount: number, ...keysAndArgs: (string | number)[]) => Promise<number>;

function refusal(msBeforeNext: number): RateVerdict {
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)) };
}

/**
 * The one rate-limiter design every route uses: counted fleet-wide in Redis, so two app instances
 * share a budget. When Redis fails or does not answer within `redisTimeoutMs`, in-memory
 * insurance counters (same points, same window) count instead, and a breaker keeps using them for
 * `coolDownMs` before Redis is tried again: a paused Redis costs one request the timeout per
 * cool-down, not every request, and an outage never turns into unlimited use.
 *
 * All counters of one limiter share a hash tag (one slot), so its script runs on a cluster too.
 */
export function createBudgetsLimiter({
  redis,
  keyPrefix,
  budgets,
  windowSeconds,
  redisTimeoutMs = DEFAULT_REDIS_TIMEOUT_MS,
  coolDownMs = DEFAULT_COOL_DOWN_MS,
  onRedisError = () => undefined,
}: BudgetsOptions): BudgetsLimiter {
  redis.defineCommand(SCRIPT_NAME, { lua: CONSUME_BUDGETS });
  const consumeInRedis = (redis as unknown as Record<typeof SCRIPT_NAME, ConsumeBudgets>)[
    SCRIPT_NAME
  ].bind(redis);
  const counterPrefixes = budgets.map((budget) => `${keyPrefix}:{${keyPrefix}}:${budget.name}:`);
  const limits = budgets.map((budget) => budget.points);
  const insurance = budgets.map(
    (budget) =>
      new RateLimiterMemory({
        keyPrefix: `${keyPrefix}:${budget.name}`,
        points: budget.points,
        duration: windowSeconds,
      }),
  );
  let redisRetryAt = 0;

  async function consumeInMemory(keys: readonly string[]): Promise<RateVerdict> {
    for (const [index, limiter] of insurance.entries()) {
      try {
        await limiter.consume(keys[index]!);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return refusal(rejection.msBeforeNext);
        throw rejection;
      }
    }
    return ALLOWED;
  }

  async function consumeShared(keys: readonly string[]): Promise<RateVerdict> {
    // A disconnected client fails at once instead of queueing for its retry policy.
    if (redis.status !== 'ready') throw new Error('Redis connection is not ready');
    const counters = keys.map((key, index) => counterPrefixes[index]! + key);
    const msBeforeNext = await within(redisTimeoutMs, 'rate limit: Redis', () =>
      consumeInRedis(counters.length, ...counters, windowSeconds, ...limits),
    );
    return msBeforeNext < 0 ? ALLOWED : refusal(msBeforeNext);
  }

  return {
    async consume(keys) {
      if (keys.length !== budgets.length) {
        throw new Error(`rate limit: ${budgets.length} keys expected, got ${keys.length}`);
      }
      if (Date.now() < redisRetryAt) return consumeInMemory(keys);
      try {
        return await consumeShared(keys);
      } catch (error) {
        redisRetryAt = Date.now() + coolDownMs;
        onRedisError(error);
        return consumeInMemory(keys);
      }
    },
  };
}

export type RateLimiterOptions = Omit<BudgetsOptions, 'budgets'> & { points: number };

export interface RateLimiter {
  consume(key: string): Promise<RateVerdict>;
}

/** One budget per key (e.g. admin logins per address). */
export function createRateLimiter({ points, ...options }: RateLimiterOptions): RateLimiter {
  const limiter = createBudgetsLimiter({ ...options, budgets: [{ name: 'key', points }] });
  return { consume: (key) => limiter.consume([key]) };
}
