import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { status as grpcStatus } from '@grpc/grpc-js';
import { Redis } from 'ioredis';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startFakeGoogleTts, type FakeGoogleTts } from '../support/fake-google-tts';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai';
import { startRedisServer, type RedisServer } from '../support/redis-server';
import { uniquePrefix } from '../support/redis';
import {
  adminInvalidate,
  adminLogin,
  appEnv,
  describe,
  FAULT_PORTS,
  http,
  learnerCookie,
  seededLesson,
  synthesize,
  type AdminSession,
} from './fixtures';

/**
 * The speech engine (Google's gRPC API, faked on loopback) and the AI provider (an
 * OpenAI-compatible HTTP endpoint, faked) fail or hang. What was cached keeps working, even when
 * expired; what was never cached fails fast and clearly; nothing hangs. Corrupt cache entries
 * are misses.
 */

// Google's deadline is 10 s and the AI provider's first-byte timeout 20 s: a hung request would
// never end, so "answered within 30 s" separates bounded from hung.
const UPSTREAM_HANG_BOUND_MS = 30_000;
const FAILURE_BOUND_MS = 5_000;

let db: TestDatabase;
let redis: RedisServer;
let client: Redis;
let tts: FakeGoogleTts;
let ai: FakeOpenAi;
let app: AppProcess;
let admin: AdminSession;
const prefix = uniquePrefix('fault-up');

before(async () => {
  db = await createTestDatabase({ seed: true });
  redis = await startRedisServer(FAULT_PORTS.upstream.redis);
  client = new Redis(redis.url);
  tts = await startFakeGoogleTts();
  ai = await startFakeOpenAi();
  app = await startAppProcess({
    port: FAULT_PORTS.upstream.app,
    env: appEnv({
      databaseUrl: db.url,
      redisUrl: redis.url,
      prefix,
      tts,
      aiBaseUrl: ai.baseUrl,
      // Short in-process copies, so a value rewritten in Redis is read back within a second.
      extra: { CACHE_L1_TTL_MS: '300' },
    }),
  });
  admin = await adminLogin(app);
});

after(async () => {
  client?.disconnect();
  await app?.stop();
  await tts?.close();
  await ai?.close();
  await redis?.stop();
  await db?.drop();
});

/** The cache identifiers (Redis key minus `prefix:namespace:version:`) of a namespace's entries. */
async function cachedIds(namespace: string): Promise<string[]> {
  const keys = await client.keys(`${prefix}:${namespace}:*`);
  return keys.map((key) => key.split(':').slice(3).join(':'));
}

async function expire(namespace: string, key: string) {
  const result = await adminInvalidate(app, admin, {
    scope: 'key',
    namespace,
    key,
    mode: 'expire',
  });
  assert.equal(result.status, 200, describe(result, `expire ${namespace}:${key}`));
}

test('speech engine failing: an expired phrase still plays, a new one is a prompt 502', async () => {
  tts.behaviour = { kind: 'ok' };
  const known = '服务器坏了也能听';
  assert.equal((await synthesize(app, known)).status, 200);
  const [id] = await cachedIds('tts');
  assert.ok(id, 'the phrase is cached');
  await expire('tts', id);

  tts.behaviour = { kind: 'error', code: grpcStatus.UNAVAILABLE, message: 'backend down' };
  const callsBefore = tts.synthesizeCalls.length;
  const again = await synthesize(app, known);
  assert.equal(again.status, 200, describe(again, 'expired phrase while the engine fails'));
  assert.equal(tts.synthesizeCalls.length, callsBefore, 'the stored audio is reused');
  const audio = await http(app, (JSON.parse(again.text) as { url: string }).url);
  assert.equal(audio.status, 200, 'its audio file is still served');

  const cold = await synthesize(app, '从来没说过的话');
  assert.equal(cold.status, 502, describe(cold, 'cold phrase while the engine fails'));
  assert.equal(JSON.parse(cold.text).error.code, 'tts_failed');
  assert.ok(cold.ms < FAILURE_BOUND_MS, describe(cold, 'a failure is reported promptly'));
  tts.behaviour = { kind: 'ok' };
});

test('AI provider failing: an expired reply is served stale, a new question is a prompt 502', async () => {
  ai.behaviour = { kind: 'stream' };
  const lesson = await seededLesson(db.prisma);
  const ask = (message: string) =>
    http(app, '/api/chat', {
      cookie: learnerCookie().cookie,
      json: { message, lessonId: lesson.slug },
    });
  const first = await ask('怎么说谢谢？');
  assert.equal(first.status, 200, describe(first, 'first question'));
  const [id] = await cachedIds('ai');
  assert.ok(id, 'the reply is cached');
  await expire('ai', id);

  ai.behaviour = { kind: 'error', status: 500 };
  const stale = await ask('怎么说谢谢？');
  assert.equal(stale.status, 200, describe(stale, 'same question while the provider fails'));
  assert.equal(stale.headers.get('x-cache'), 'STALE');
  // The provider may be tried once more as a refresh; the learner still gets the earlier reply.
  assert.equal(stale.text, first.text, 'the earlier reply');

  const cold = await ask('今天天气怎么样？');
  assert.equal(cold.status, 502, describe(cold, 'new question while the provider fails'));
  assert.equal(JSON.parse(cold.text).error.code, 'tutor_unavailable');
  assert.ok(cold.ms < FAILURE_BOUND_MS, describe(cold, 'a failure is reported promptly'));
  ai.behaviour = { kind: 'stream' };
});

test('hanging speech engine and AI provider: 504 in bounded time, never a hung request', async () => {
  tts.behaviour = { kind: 'hang' };
  ai.behaviour = { kind: 'hang' };
  try {
    const [speech, chat] = await Promise.all([
      synthesize(app, '永远等不到的声音'),
      http(app, '/api/chat', {
        cookie: learnerCookie().cookie,
        json: { message: '你在吗？' },
        timeoutMs: UPSTREAM_HANG_BOUND_MS + 5_000,
      }),
    ]);
    assert.equal(speech.status, 504, describe(speech, 'TTS with a hanging engine'));
    assert.equal(JSON.parse(speech.text).error.code, 'tts_timeout');
    assert.ok(speech.ms < UPSTREAM_HANG_BOUND_MS, describe(speech, 'TTS bounded'));
    assert.equal(chat.status, 504, describe(chat, 'chat with a hanging provider'));
    assert.equal(JSON.parse(chat.text).error.code, 'tutor_timeout');
    assert.ok(chat.ms < UPSTREAM_HANG_BOUND_MS, describe(chat, 'chat bounded'));
  } finally {
    tts.behaviour = { kind: 'ok' };
    ai.behaviour = { kind: 'stream' };
  }
});

test('corrupt values written under the app keys are misses: every page and API still answers', async () => {
  const lesson = await seededLesson(db.prisma);
  const { cookie } = learnerCookie();
  const phrase = '坏掉的缓存';
  const warm = [
    () => http(app, '/', { cookie }),
    () => http(app, `/lessons/${lesson.slug}`, { cookie }),
    () => http(app, '/api/progress', { cookie }),
    () => synthesize(app, phrase, cookie),
  ];
  for (const send of warm) assert.equal((await send()).status, 200);

  const entryKeys = (await client.keys(`${prefix}:*`)).filter(
    (key) => !key.startsWith(`${prefix}:_`),
  );
  assert.ok(entryKeys.length >= 4, `entries to corrupt: ${entryKeys.join(', ')}`);
  const garbage = [
    Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
    '{"f":"zz","v":999}',
    'not json at all {{{',
  ];
  for (const [index, key] of entryKeys.entries()) {
    const current = await client.get(key);
    // Every fourth entry keeps a well-formed envelope around a value of the wrong type.
    const wrongValue =
      current && index % 4 === 3
        ? JSON.stringify({ ...JSON.parse(current), value: 42 })
        : undefined;
    await client.set(key, wrongValue ?? garbage[index % garbage.length]!, 'PX', 60_000);
  }
  await new Promise((resolve) => setTimeout(resolve, 600));

  const callsBefore = tts.synthesizeCalls.length;
  for (const [index, send] of warm.entries()) {
    const result = await send();
    assert.equal(result.status, 200, describe(result, `request ${index} over corrupt entries`));
  }
  const speech = await synthesize(app, phrase, cookie);
  assert.equal(speech.status, 200);
  assert.equal(tts.synthesizeCalls.length, callsBefore, 'audio found again without the engine');
  const metrics = await http(app, '/api/metrics');
  const corrupt = [...metrics.text.matchAll(/^cache_corrupt_entries_total\{[^}]*\} (\d+)/gm)];
  const counted = corrupt.reduce((sum, match) => sum + Number(match[1]), 0);
  assert.ok(counted >= 4, `corrupt entries counted as such (${counted})`);
});
