import { z } from 'zod';

/**
 * Every setting the app reads, parsed once from the environment. Defaults make
 * `npm run dev` work with no configuration at all; `.env.example` documents each one.
 */

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());

const postgresUrl = z.preprocess(
  emptyAsUndefined,
  z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgresql:// URL' }).optional(),
);

const redisUrl = z.url({ protocol: /^rediss?$/, error: 'expected a redis:// or rediss:// URL' });

const hostPortList = z
  .string()
  .regex(/^[^,:\s]+:\d+(,[^,:\s]+:\d+)*$/, 'expected host:port[,host:port...]')
  .transform((list) =>
    list.split(',').map((hostPort) => {
      const [host = '', port = ''] = hostPort.split(':');
      return { host, port: Number(port) };
    }),
  );

/** Also the progress service's own default, for callers that build it without a configuration. */
export const DEFAULT_NEW_CARDS_PER_DAY = 10;

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const price = (fallback: number) => z.coerce.number().nonnegative().finite().default(fallback);

const settingsSchema = z.object({
  NODE_ENV: z.preprocess(
    emptyAsUndefined,
    z.enum(['development', 'production', 'test']).default('development'),
  ),
  /** Without it the app runs an embedded Postgres (PGlite) with its data under DATA_DIR. */
  DATABASE_URL: postgresUrl,
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_DB_PORT: positiveInt(54329),
  /** Longest wait to open a database connection or get one from the pool; then 503. */
  DATABASE_CONNECT_TIMEOUT_MS: positiveInt(2_000),
  /** Longest wait for one query's answer; a connection that misses it is closed and replaced. */
  DATABASE_QUERY_TIMEOUT_MS: positiveInt(3_000),

  REDIS_MODE: z.enum(['standalone', 'cluster', 'sentinel']).default('standalone'),
  REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
  REDIS_CLUSTER_NODES: z.preprocess(emptyAsUndefined, hostPortList.optional()),
  REDIS_SENTINELS: z.preprocess(emptyAsUndefined, hostPortList.optional()),
  REDIS_SENTINEL_NAME: z.string().min(1).default('mymaster'),
  CACHE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/, 'expected 1-32 lowercase letters, digits, _ or -')
    .default('tingshuo'),
  CACHE_L1_MAX_ENTRIES: positiveInt(10_000),
  CACHE_L1_MAX_BYTES: positiveInt(64 * 1024 * 1024),
  /** How long an instance trusts its in-process copy before asking Redis again. */
  CACHE_L1_TTL_MS: positiveInt(10_000),
  CACHE_STATS_FLUSH_MS: positiveInt(5_000),
  /** Safety net for lost pub/sub messages: re-read namespace/tag versions this often. */
  CACHE_VERSION_REFRESH_MS: positiveInt(5_000),
  CACHE_REDIS_COMMAND_TIMEOUT_MS: positiveInt(250),

  /** Unset: Google when Google settings are present, else the embedded espeak-ng voice. */
  TTS_PROVIDER: z.preprocess(emptyAsUndefined, z.enum(['espeak', 'google']).optional()),
  TTS_VOICE: optionalString,
  GOOGLE_TTS_ENDPOINT: optionalString,
  GOOGLE_APPLICATION_CREDENTIALS: optionalString,

  /** Where generated audio lives: files under DATA_DIR/audio, or a Cloud Storage bucket. */
  AUDIO_STORAGE: z.preprocess(emptyAsUndefined, z.enum(['local', 'gcs']).default('local')),
  GCS_BUCKET: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/, 'expected a bucket name (a-z 0-9 . _ -)')
      .optional(),
  ),
  /** An emulator or private endpoint, reached without credentials. Unset: Google's, with ADC. */
  GCS_ENDPOINT: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }).optional(),
  ),
  /** Folder inside the bucket; empty for its root. No `.` or `..` segments, so no surprises. */
  GCS_KEY_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9_-][A-Za-z0-9._-]*\/)*$/, 'expected empty or folders ending in /')
    .default('audio/'),

  AI_BASE_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  AI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  AI_API_KEY: optionalString,

  /** Signs learner and admin cookies. Required in production; development derives one. */
  SESSION_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, 'expected at least 32 characters').optional(),
  ),
  /** A long random token an admin types to log in (alternative: ADMIN_PASSWORD_HASH). */
  ADMIN_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string().min(24, 'expected at least 24 characters').optional(),
  ),
  /** scrypt hash of the admin password, as printed by `npm run admin:hash`. */
  ADMIN_PASSWORD_HASH: optionalString,

  /**
   * Per-minute budgets of the routes that cost money upstream. The defaults let a learner click
   * every play button of a lesson and chat at a human pace; a load test raises them here.
   */
  RATE_LIMIT_TTS_PER_LEARNER_PER_MINUTE: positiveInt(60),
  RATE_LIMIT_TTS_PER_IP_PER_MINUTE: positiveInt(300),
  RATE_LIMIT_CHAT_PER_LEARNER_PER_MINUTE: positiveInt(20),
  RATE_LIMIT_CHAT_PER_IP_PER_MINUTE: positiveInt(60),
  /**
   * Fleet-wide ceilings per minute on the upstream calls themselves (cache hits never count):
   * characters sent to the speech engine (200,000 is about $3.20 a minute at Google's list
   * price) and replies asked of the tutor's model.
   */
  SPEND_CEILING_TTS_CHARS_PER_MINUTE: positiveInt(200_000),
  SPEND_CEILING_AI_CALLS_PER_MINUTE: positiveInt(600),
  /**
   * Reverse proxies in front of the app that append to X-Forwarded-For (CDN + load balancer: 2);
   * the per-IP limits read the client from that many entries from the right. 0: no proxy
   * appends, so the header is ignored (see lib/http/client-ip.ts). Empty is unset, not 0.
   */
  TRUSTED_PROXY_HOPS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(0).max(10).default(1),
  ),
  /** When set, `GET /api/metrics` requires `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string().min(16, 'expected at least 16 characters').optional(),
  ),
  /** `1`: every cache read runs its loader, to measure what the cache buys. Never in production. */
  CACHE_BYPASS: z.preprocess(emptyAsUndefined, z.enum(['0', '1']).default('0')),
  /**
   * Where `'use cache'` renders live: `lib-cache` (L1 + Redis, shared by the fleet) or `memory`,
   * Next's own in-process handler, to measure what lib/cache costs or buys. Not for production.
   */
  USE_CACHE_HANDLER: z.preprocess(
    emptyAsUndefined,
    z.enum(['lib-cache', 'memory']).default('lib-cache'),
  ),

  /** New phrases a learner is introduced to per (UTC) day. */
  NEW_CARDS_PER_DAY: positiveInt(DEFAULT_NEW_CARDS_PER_DAY),
  /**
   * Upstream prices for the dashboard's "what the cache saved" estimate, in USD: by default
   * Google Cloud TTS WaveNet/Neural2's list price and gpt-4o-mini's output-token price.
   */
  PRICE_TTS_USD_PER_MILLION_CHARS: price(16),
  PRICE_AI_USD_PER_MILLION_TOKENS: price(0.6),
});

// A topology needs its nodes: say so at start-up rather than fail on the first cache call.
const configSchema = settingsSchema.superRefine((settings, context) => {
  if (settings.REDIS_MODE === 'cluster' && !settings.REDIS_CLUSTER_NODES) {
    context.addIssue({
      code: 'custom',
      path: ['REDIS_CLUSTER_NODES'],
      message: 'required when REDIS_MODE=cluster (host:port[,host:port...])',
    });
  }
  if (settings.REDIS_MODE === 'sentinel' && !settings.REDIS_SENTINELS) {
    context.addIssue({
      code: 'custom',
      path: ['REDIS_SENTINELS'],
      message: 'required when REDIS_MODE=sentinel (host:port[,host:port...])',
    });
  }
  // Likewise a bucket store needs its bucket, rather than failing on the first sound.
  if (settings.AUDIO_STORAGE === 'gcs' && !settings.GCS_BUCKET) {
    context.addIssue({
      code: 'custom',
      path: ['GCS_BUCKET'],
      message: 'required when AUDIO_STORAGE=gcs',
    });
  }
});

export type AppConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration: ${issues.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment; throws a ConfigError naming each bad variable and what it expected. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  return result.data;
}

let cached: AppConfig | undefined;

/** The process's configuration, parsed on first use. */
export function config(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
