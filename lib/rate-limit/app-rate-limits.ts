import { Cluster, Redis } from 'ioredis';
import { redisTarget } from '@/lib/app-cache';
import { createRedisConnection } from '@/lib/cache';
import { config } from '@/lib/config';
import { log } from '@/lib/log/logger';
import { createLearnerAndIpLimiter, type LearnerAndIpLimiter } from './learner-and-ip';

export interface AppRateLimiters {
  tts: LearnerAndIpLimiter;
  chat: LearnerAndIpLimiter;
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
    close: () => redis.disconnect(),
  };
}

// On globalThis so Next's dev hot reload keeps one counter connection instead of leaking one per edit.
const holder = globalThis as typeof globalThis & { tingshuoRateLimits?: AppRateLimiters };

/** This process's limiters for the routes that cost money upstream (speech and the AI tutor). */
export function appRateLimiters(): AppRateLimiters {
  holder.tingshuoRateLimits ??= createAppRateLimiters();
  return holder.tingshuoRateLimits;
}
