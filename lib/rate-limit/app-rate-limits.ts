import type { RedisClient } from '@/lib/cache';
import type { AppConfig } from '@/lib/config';
import { createSpendingCeiling, type SpendingCeiling } from '@/lib/budget/spending-ceiling';
import { log } from '@/lib/log/logger';
import { createLearnerAndIpLimiter, type LearnerAndIpLimiter } from './learner-and-ip';

export interface AppRateLimiters {
  tts: LearnerAndIpLimiter;
  chat: LearnerAndIpLimiter;
  /** Fleet-wide per-minute ceilings on the paid upstream calls themselves. */
  spending: { tts: SpendingCeiling; ai: SpendingCeiling };
}

/**
 * The app's limits on what costs money upstream (speech and the AI tutor): per learner and
 * address on the routes, and fleet-wide on the upstream calls. `redis` is the counters'
 * connection (lib/server/connections.ts); while it fails the limiters count in memory.
 */
export function createAppRateLimiters(settings: AppConfig, redis: RedisClient): AppRateLimiters {
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
  };
}
