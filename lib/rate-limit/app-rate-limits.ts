import { Cluster, Redis } from 'ioredis';
import { redisTarget } from '@/lib/app-cache';
import { createRedisConnection } from '@/lib/cache';
import { config } from '@/lib/config';
import { createSpendingCeiling, type SpendingCeiling } from '@/lib/budget/spending-ceiling';
import { log } from '@/lib/log/logger';
import { createLearnerAndIpLimiter, type LearnerAndIpLimiter } from './learner-and-ip';

export interface AppRateLimiters {
  tts: LearnerAndIpLimiter;
  chat: LearnerAndIpLimiter;
  /** Fleet-wide per-minute ceilings on the paid upstream calls themselves. */
  spending: { tts: SpendingCeiling; ai: SpendingCeiling };
  /** Ends the counters' Redis connection (tests; the app keeps it for its lifetime). */
  close(): void;
}

function createAppRateLimiters(): AppRateLimiters {
  const settings = config();
  // Counters get their own fail-fast connection so they never queue behind cache traffic.
  const target = redisTarget(settings);
  const redis =
    target instanceof Redis || target instanceof Cluster ? target : createRedisConnection(target);
  // ioredis reconnects by itself; the limiters count in memory meanwhile (limiter.ts).
  redis.on('error', (error) => log.warn({ err: error }, 'rate limits: Redis connection error'));
  const onRedisError = (error: unknown) =>
    log.warn({ err: error }, 'rate limits: counting in memory for a while, Redis did not answer');
  const keyPrefix = `${settings.CACHE_PREFIX}:_ratelimit`;
  return {
    tts: createLearnerAndIpLimiter({
      redis,
      keyPrefix: `${keyPrefix}:tts`,
      perLearnerPerMinute: settings.RATE_LIMIT_TTS_PER_LEARNER_PER_MINUTE,
      perIpPerMinute: settings.RATE_LIMIT_TTS_PER_IP_PER_MINUTE,
      onRedisError,
    }),
    chat: createLearnerAndIpLimiter({
      redis,
      keyPrefix: `${keyPrefix}:chat`,
      perLearnerPerMinute: settings.RATE_LIMIT_CHAT_PER_LEARNER_PER_MINUTE,
      perIpPerMinute: settings.RATE_LIMIT_CHAT_PER_IP_PER_MINUTE,
      onRedisError,
    }),
    spending: {
      tts: createSpendingCeiling({
        redis,
        prefix: settings.CACHE_PREFIX,
        upstream: 'tts',
        limitPerMinute: settings.SPEND_CEILING_TTS_CHARS_PER_MINUTE,
      }),
      ai: createSpendingCeiling({
        redis,
        prefix: settings.CACHE_PREFIX,
        upstream: 'ai',
        limitPerMinute: settings.SPEND_CEILING_AI_CALLS_PER_MINUTE,
      }),
    },
    close: () => redis.disconnect(),
  };
}

// On globalThis so Next's dev hot reload keeps one counter connection instead of leaking one per edit.
const holder = globalThis as typeof globalThis & { tingshuoRateLimits?: AppRateLimiters };

/**
 * This process's limits on what costs money upstream (speech and the AI tutor): per learner and
 * address on the routes, and fleet-wide on the upstream calls.
 */
export function appRateLimiters(): AppRateLimiters {
  holder.tingshuoRateLimits ??= createAppRateLimiters();
  return holder.tingshuoRateLimits;
}
