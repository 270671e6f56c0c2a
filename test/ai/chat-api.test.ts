import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { handleChatPost, handleConversationGet } from '@/lib/ai/http/chat-handlers';
import { createOpenAiCompatibleProvider } from '@/lib/ai/openai-compatible-provider';
import type { TutorService } from '@/lib/ai/tutor-service';
import type { Cache } from '@/lib/cache';
import type { TestDatabase } from '../support/database';
import type { FakeOpenAi } from '../support/fake-openai';
import {
  chatRequest,
  conversationRequest,
  tutorOnFakeOpenAiForFile,
  tutorServiceForTest,
  type TutorHarness,
  type TutorLessons,
} from './fixtures';

let database: TestDatabase;
let lessons: TutorLessons;
let redis: TutorHarness['redis'];
let cache: Cache<'ai'>;
let fake: FakeOpenAi;
let service: TutorService;

tutorOnFakeOpenAiForFile('ai', ({ harness, fake: started }) => {
  ({ database, lessons, redis, cache, service } = harness);
  fake = started;
});

async function ask(body: unknown, learnerId: string | null = randomUUID()) {
  const response = await handleChatPost(service, chatRequest(body, learnerId));
  const text = await response.text();
  return { response, text, learnerId };
}

function providerCalls() {
  return fake.requests.length;
}

describe('POST /api/chat with an OpenAI-compatible provider', () => {
  it('streams the reply and tells the conversation id and cache status', async () => {
    fake.behaviour = {
      kind: 'stream',
      deltas: ['你好', ' (nǐ hǎo)', ' means hello.'],
      splitEveryBytes: 3,
    };
    const before = providerCalls();
    const { response, text } = await ask({
      message: 'How do I say hello?',
      lessonId: lessons.greetings.slug,
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; charset=utf-8/);
    assert.equal(response.headers.get('x-cache'), 'MISS');
    assert.match(response.headers.get('x-conversation-id') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(text, '你好 (nǐ hǎo) means hello.');
    assert.equal(providerCalls(), before + 1);
    const system = fake.requests.at(-1)?.body.messages?.[0];
    assert.equal(system?.role, 'system');
    assert.match(system?.content ?? '', /hanzi/);
    assert.match(system?.content ?? '', /你好 \(nǐ hǎo\): hello/);
  });

  it('answers the same question in the same lesson from the cache, without calling the provider', async () => {
    fake.behaviour = { kind: 'stream', deltas: ['谢谢 (xièxie)'] };
    const first = await ask({ message: 'What does xiexie mean?', lessonId: lessons.greetings.id });
    const calls = providerCalls();
    // Another learner, different spacing and letter case: the same question.
    const second = await ask({
      message: '  what DOES   xiexie mean? ',
      lessonId: String(lessons.greetings.id),
    });
    assert.equal(first.response.headers.get('x-cache'), 'MISS');
    assert.equal(second.response.headers.get('x-cache'), 'HIT');
    assert.equal(second.text, first.text);
    assert.equal(providerCalls(), calls);
  });

  it('asks the provider again for another lesson or another history', async () => {
    fake.behaviour = { kind: 'stream', deltas: ['一 (yī)'] };
    const inGreetings = await ask({ message: 'Teach me a word', lessonId: lessons.greetings.slug });
    const inNumbers = await ask({ message: 'Teach me a word', lessonId: lessons.numbers.slug });
    const noLesson = await ask({ message: 'Teach me a word' });
    assert.equal(inGreetings.response.headers.get('x-cache'), 'MISS');
    assert.equal(inNumbers.response.headers.get('x-cache'), 'MISS');
    assert.equal(noLesson.response.headers.get('x-cache'), 'MISS');

    const conversationId = inGreetings.response.headers.get('x-conversation-id');
    const continued = await ask(
      { message: 'Teach me a word', conversationId },
      inGreetings.learnerId,
    );
    assert.equal(continued.response.headers.get('x-cache'), 'MISS');
    assert.equal(continued.response.headers.get('x-conversation-id'), conversationId);
    const history = fake.requests.at(-1)?.body.messages?.map((message) => message.role);
    assert.deepEqual(history, ['system', 'user', 'assistant', 'user']);
  });

  it('calls the provider once for identical questions asked at the same time', async () => {
    fake.behaviour = {
      kind: 'stream',
      deltas: ['再见', ' (zàijiàn)', ' = goodbye'],
      splitEveryBytes: 2,
    };
    const calls = providerCalls();
    const replies = await Promise.all(
      Array.from({ length: 5 }, () =>
        ask({ message: 'How do I say goodbye?', lessonId: lessons.greetings.slug }),
      ),
    );
    assert.equal(providerCalls(), calls + 1);
    for (const reply of replies) {
      assert.equal(reply.response.status, 200);
      assert.equal(reply.text, '再见 (zàijiàn) = goodbye');
    }
  });

  it('keeps the cached value free of learner ids and the Redis keys free of the question', async () => {
    fake.behaviour = { kind: 'stream', deltas: ['好 (hǎo) = good'] };
    const { learnerId } = await ask({ message: 'Is hao good?', lessonId: lessons.greetings.slug });
    // Rate-limit counters are per learner by design; everything else must not identify anyone.
    const keys = (await redis.client.keys(`${redis.prefix}:*`)).filter(
      (key) => !key.startsWith(`${redis.prefix}:ratelimit:`),
    );
    assert.ok(keys.length > 0);
    for (const key of keys) {
      assert.doesNotMatch(key, /hao|good/i);
      assert.ok(!key.includes(learnerId ?? ''));
      const type = await redis.client.type(key);
      if (type === 'string') assert.ok(!(await redis.client.get(key))?.includes(learnerId ?? ''));
    }
  });
});

describe('conversations belong to their learner', () => {
  it('shows a learner their own conversation, in order', async () => {
    fake.behaviour = { kind: 'stream', deltas: ['我叫王明。'] };
    const asked = await ask({
      message: 'How do I introduce myself?',
      lessonId: lessons.greetings.slug,
    });
    const id = asked.response.headers.get('x-conversation-id') ?? '';
    const response = await handleConversationGet(
      service,
      conversationRequest(id, asked.learnerId),
      id,
    );
    assert.equal(response.status, 200);
    const { conversation } = (await response.json()) as {
      conversation: {
        lessonId: number;
        messages: { role: string; content: string; cached: boolean }[];
      };
    };
    assert.equal(conversation.lessonId, lessons.greetings.id);
    assert.deepEqual(
      conversation.messages.map(({ role, content, cached }) => ({ role, content, cached })),
      [
        { role: 'user', content: 'How do I introduce myself?', cached: false },
        { role: 'assistant', content: '我叫王明。', cached: false },
      ],
    );
  });

  it('stores replies served from the cache as well, marked cached', async () => {
    fake.behaviour = { kind: 'stream', deltas: ['不客气 (bú kèqi)'] };
    await ask({ message: 'What do I answer to 谢谢?' });
    const second = await ask({ message: 'What do I answer to 谢谢?' });
    const id = second.response.headers.get('x-conversation-id') ?? '';
    const { conversation } = (await (
      await handleConversationGet(service, conversationRequest(id, second.learnerId), id)
    ).json()) as {
      conversation: { messages: { role: string; content: string; cached: boolean }[] };
    };
    assert.deepEqual(conversation.messages.at(-1), {
      ...conversation.messages.at(-1),
      role: 'assistant',
      content: '不客气 (bú kèqi)',
      cached: true,
    });
  });

  it('stores the whole reply, and caches it, even when the learner leaves mid-reply', async () => {
    const deltas = ['我', '叫', '李', '华。'];
    fake.behaviour = { kind: 'stream', deltas, pauseMs: 100 };
    const message = 'What is your name? (leaves early)';
    const learnerId = randomUUID();
    const response = await handleChatPost(
      service,
      chatRequest({ message, lessonId: lessons.greetings.slug }, learnerId),
    );
    const reader = response.body?.getReader();
    assert.ok(reader);
    await reader.read();
    await reader.cancel();

    const id = response.headers.get('x-conversation-id') ?? '';
    const deadline = Date.now() + 3_000;
    let stored: { content: string } | null = null;
    while (!stored && Date.now() < deadline) {
      stored = await database.prisma.message.findFirst({
        where: { conversationId: id, role: 'assistant' },
        select: { content: true },
      });
      if (!stored) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(stored?.content, deltas.join(''));
    const calls = providerCalls();
    const again = await ask({ message, lessonId: lessons.greetings.slug });
    assert.equal(again.response.headers.get('x-cache'), 'HIT');
    assert.equal(again.text, deltas.join(''));
    assert.equal(providerCalls(), calls);
  });

  it('never lets another learner read or continue it', async () => {
    fake.behaviour = { kind: 'stream', deltas: ['秘密'] };
    const owner = await ask({ message: 'My secret word is 秘密' });
    const id = owner.response.headers.get('x-conversation-id') ?? '';
    const intruder = randomUUID();

    const read = await handleConversationGet(service, conversationRequest(id, intruder), id);
    assert.equal(read.status, 404);
    const readBody = await read.text();
    assert.doesNotMatch(readBody, /秘密|secret/);
    assert.equal(JSON.parse(readBody).error.code, 'conversation_not_found');

    const calls = providerCalls();
    const continued = await ask(
      { message: 'What was the secret word?', conversationId: id },
      intruder,
    );
    assert.equal(continued.response.status, 404);
    assert.doesNotMatch(continued.text, /秘密|secret/);
    assert.equal(providerCalls(), calls);

    const stored = await database.prisma.message.count({ where: { conversationId: id } });
    assert.equal(stored, 2);
  });

  it('answers 404 for an unknown conversation and 401 without a learner', async () => {
    const unknown = randomUUID();
    const get = (id: string, learnerId: string | null) =>
      handleConversationGet(service, conversationRequest(id, learnerId), id);
    assert.equal((await get(unknown, randomUUID())).status, 404);
    assert.equal((await get('not-a-uuid', randomUUID())).status, 404);
    assert.equal((await get(unknown, null)).status, 401);
    const anonymous = await ask({ message: 'hello' }, null);
    assert.equal(anonymous.response.status, 401);
    const forged = await handleChatPost(
      service,
      chatRequest({ message: 'hello' }, null, { Cookie: `ts_learner=${randomUUID()}.forged` }),
    );
    assert.equal(forged.status, 401);
    assert.equal(((await forged.json()) as { error: { code: string } }).error.code, 'no_learner');
  });
});

describe('limits and failures', () => {
  async function expectError(body: unknown, status: number, field: string) {
    const { response, text } = await ask(body);
    assert.equal(response.status, status, text);
    const { error } = JSON.parse(text) as { error: { field?: string; message: string } };
    assert.equal(error.field, field);
  }

  it('refuses bad requests with 400 naming the field', async () => {
    await expectError({ message: '   ' }, 400, 'message');
    await expectError({ message: '好'.repeat(1001) }, 400, 'message');
    await expectError({}, 400, 'message');
    await expectError({ message: 'hi', conversationId: 'abc' }, 400, 'conversationId');
    await expectError('{"message": ', 400, 'body');
    await expectError({ message: 'hi', lessonId: 'no-such-lesson' }, 404, 'lessonId');
  });

  it('refuses to move a conversation to another lesson', async () => {
    fake.behaviour = { kind: 'stream', deltas: ['好'] };
    const started = await ask({ message: 'Start', lessonId: lessons.greetings.slug });
    const conversationId = started.response.headers.get('x-conversation-id');
    const moved = await ask(
      { message: 'Go on', conversationId, lessonId: lessons.numbers.slug },
      started.learnerId,
    );
    assert.equal(moved.response.status, 400);
    assert.equal(JSON.parse(moved.text).error.field, 'lessonId');
    const same = await ask(
      { message: 'Go on', conversationId, lessonId: lessons.greetings.slug },
      started.learnerId,
    );
    assert.equal(same.response.status, 200);
  });

  it('accepts a message of exactly 1000 characters', async () => {
    fake.behaviour = { kind: 'stream', deltas: ['好的'] };
    const { response } = await ask({ message: ` ${'好'.repeat(1000)} ` });
    assert.equal(response.status, 200);
  });

  it('refuses a learner sending too fast with 429 and Retry-After', async () => {
    const limited = await tutorServiceForTest({
      db: database.prisma,
      cache,
      provider: createOpenAiCompatibleProvider({ baseUrl: fake.baseUrl }),
      prefix: `${redis.prefix}:limited`,
      perLearnerPerMinute: 2,
    });
    try {
      fake.behaviour = { kind: 'stream', deltas: ['好'] };
      const learnerId = randomUUID();
      const send = () =>
        handleChatPost(
          limited.service,
          chatRequest({ message: 'hi' }, learnerId),
          limited.rateLimiter,
        );
      assert.equal((await send()).status, 200);
      assert.equal((await send()).status, 200);
      const refused = await send();
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.equal(
        ((await refused.json()) as { error: { code: string } }).error.code,
        'rate_limited',
      );
    } finally {
      limited.close();
    }
  });

  it('answers 502 when the provider fails, keeping the learner’s message', async () => {
    fake.behaviour = { kind: 'error', status: 500 };
    const { response, text } = await ask({ message: 'Are you there? (500)' });
    assert.equal(response.status, 502);
    assert.equal(JSON.parse(text).error.code, 'tutor_unavailable');
    const stored = await database.prisma.message.findMany({
      where: { content: 'Are you there? (500)' },
      select: { conversation: { select: { messages: { select: { role: true } } } } },
    });
    assert.deepEqual(stored[0]?.conversation.messages, [{ role: 'user' }]);
  });

  it('answers 504 when the provider does not answer, and caches nothing', async () => {
    fake.behaviour = { kind: 'hang' };
    const started = Date.now();
    const { response } = await ask({ message: 'Are you there? (hang)' });
    assert.equal(response.status, 504);
    assert.ok(Date.now() - started < 3_000, 'must not hang');
    fake.behaviour = { kind: 'stream', deltas: ['在 (zài)'] };
    const retry = await ask({ message: 'Are you there? (hang)' });
    assert.equal(retry.response.headers.get('x-cache'), 'MISS');
    assert.equal(retry.text, '在 (zài)');
  });
});
