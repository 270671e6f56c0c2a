import { once } from 'node:events';
import { after, before } from 'node:test';
import { APP_NAMESPACES } from '@/lib/app-cache';
import { createOpenAiCompatibleProvider } from '@/lib/ai/openai-compatible-provider';
import type { TutorProvider } from '@/lib/ai/provider';
import { createTutorService, type TutorService } from '@/lib/ai/tutor-service';
import { createCache, createRedisConnection, type Cache } from '@/lib/cache';
import type { PrismaClient } from '@/lib/db/generated/client';
import { LEARNER_COOKIE } from '@/lib/learner/cookie';
import {
  createLearnerAndIpLimiter,
  type LearnerAndIpLimiter,
} from '@/lib/rate-limit/learner-and-ip';
import { sign } from '@/lib/security/signed-value';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai';
import { PATIENT_REDIS_MS } from '../support/patient-redis';
import { redisForTest, SHARED_REDIS_URL } from '../support/redis';

export interface TutorLessons {
  greetings: { id: number; slug: string };
  numbers: { id: number; slug: string };
}

/** Two lessons the tutor can talk about: greetings (with an example sentence) and numbers. */
export async function seedTutorLessons(db: PrismaClient): Promise<TutorLessons> {
  const greetings = await db.lesson.create({
    data: {
      hskLevel: 1,
      position: 1,
      slug: 'hsk1-greetings',
      title: 'Greetings',
      description: '',
      phrases: {
        create: [
          ['WORD', '你好', 'nǐ hǎo', 'ni3 hao3', 'hello'],
          ['WORD', '谢谢', 'xièxie', 'xie4 xie5', 'thank you'],
          ['WORD', '再见', 'zàijiàn', 'zai4 jian4', 'goodbye'],
          [
            'SENTENCE',
            '你好，我叫王明。',
            'Nǐ hǎo, wǒ jiào Wáng Míng.',
            'ni3 hao3 wo3 jiao4 wang2 ming2',
            'Hello, my name is Wang Ming.',
          ],
        ].map(([kind, hanzi, pinyin, pinyinNumbered, english], index) => ({
          position: index + 1,
          kind: kind as 'WORD' | 'SENTENCE',
          hanzi: hanzi as string,
          pinyin: pinyin as string,
          pinyinNumbered: pinyinNumbered as string,
          english: english as string,
        })),
      },
    },
  });
  const numbers = await db.lesson.create({
    data: {
      hskLevel: 1,
      position: 2,
      slug: 'hsk1-numbers',
      title: 'Numbers',
      description: '',
      phrases: {
        create: [
          {
            position: 1,
            kind: 'WORD',
            hanzi: '一',
            pinyin: 'yī',
            pinyinNumbered: 'yi1',
            english: 'one',
          },
          {
            position: 2,
            kind: 'WORD',
            hanzi: '二',
            pinyin: 'èr',
            pinyinNumbered: 'er4',
            english: 'two',
          },
        ],
      },
    },
  });
  return {
    greetings: { id: greetings.id, slug: greetings.slug },
    numbers: { id: numbers.id, slug: numbers.slug },
  };
}

export function aiCache(prefix: string): Cache<'ai'> {
  return createCache({
    prefix,
    redis: { mode: 'standalone', url: SHARED_REDIS_URL },
    namespaces: { ai: APP_NAMESPACES.ai },
  });
}

/** A tutor service over real Redis and Postgres; close() releases what it opened. */
export async function tutorServiceForTest(options: {
  db: PrismaClient;
  cache: Cache<'ai'>;
  provider: TutorProvider;
  prefix: string;
  model?: string;
  perLearnerPerMinute?: number;
}): Promise<{ service: TutorService; rateLimiter: LearnerAndIpLimiter; close(): void }> {
  const redis = createRedisConnection(
    { mode: 'standalone', url: SHARED_REDIS_URL },
    { commandTimeoutMs: PATIENT_REDIS_MS },
  );
  // Until connected the limiter counts in memory; tests want the Redis counters from the start.
  await once(redis, 'ready');
  const rateLimiter = createLearnerAndIpLimiter({
    redis,
    keyPrefix: `${options.prefix}:ratelimit`,
    perLearnerPerMinute: options.perLearnerPerMinute ?? 1000,
    perIpPerMinute: 1000,
    redisTimeoutMs: PATIENT_REDIS_MS,
  });
  const service = createTutorService({
    cache: options.cache,
    db: options.db,
    provider: options.provider,
    model: options.model ?? 'test-model',
  });
  return { service, rateLimiter, close: () => redis.disconnect() };
}

/** A tutor service on its own database (with the tutor lessons), Redis prefix and `ai` cache. */
export interface TutorHarness {
  database: TestDatabase;
  lessons: TutorLessons;
  redis: Awaited<ReturnType<typeof redisForTest>>;
  cache: Cache<'ai'>;
  service: TutorService;
  close(): Promise<void>;
}

export async function startTutorHarness(
  label: string,
  providerFor: (db: PrismaClient) => { provider: TutorProvider; model?: string },
): Promise<TutorHarness> {
  const database = await createTestDatabase();
  const lessons = await seedTutorLessons(database.prisma);
  const redis = await redisForTest(label);
  const cache = aiCache(redis.prefix);
  const { provider, model } = providerFor(database.prisma);
  const { service, close } = await tutorServiceForTest({
    db: database.prisma,
    cache,
    provider,
    model,
    prefix: redis.prefix,
  });
  return {
    database,
    lessons,
    redis,
    cache,
    service,
    async close() {
      close();
      await cache.close();
      await redis.cleanup();
      await database.drop();
    },
  };
}

/**
 * The hooks of a test file that talks to the OpenAI-compatible provider: one fake provider and a
 * harness whose tutor calls it, for the whole file. `use` receives them once they exist.
 */
export function tutorOnFakeOpenAiForFile(
  label: string,
  use: (created: { harness: TutorHarness; fake: FakeOpenAi }) => void,
) {
  let fake: FakeOpenAi | undefined;
  let harness: TutorHarness | undefined;
  before(async () => {
    const started = await startFakeOpenAi();
    fake = started;
    harness = await startTutorHarness(label, () => ({
      provider: createOpenAiCompatibleProvider({
        baseUrl: started.baseUrl,
        firstByteTimeoutMs: 1500,
        idleTimeoutMs: 1500,
      }),
    }));
    use({ harness, fake });
  });
  after(async () => {
    await harness?.close();
    await fake?.close();
  });
}

/** The Cookie header a browser of this learner sends (none for null). */
export function learnerCookie(learnerId: string | null): Record<string, string> {
  return learnerId ? { Cookie: `${LEARNER_COOKIE}=${sign(learnerId)}` } : {};
}

export function chatRequest(
  body: unknown,
  learnerId: string | null,
  headers: Record<string, string> = {},
): Request {
  return new Request('http://localhost/api/chat', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...learnerCookie(learnerId), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function conversationRequest(id: string, learnerId: string | null): Request {
  return new Request(`http://localhost/api/conversations/${id}`, {
    headers: learnerCookie(learnerId),
  });
}
