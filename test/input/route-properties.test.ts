import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
/** What a PostgreSQL integer column holds. */
const INT4_MAX = 2_147_483_647;
import { newLearner, startAppEnvironment, type AppEnvironment } from './app-environment';

// Arbitrary JSON thrown at the learner routes through their real handlers, on a real database:
// whatever a client sends, the answer is never a 5xx. Numbers are drawn around the edges of what
// the columns hold (int4), where a plain "is an integer" check would let PostgreSQL fail instead.

const app: AppEnvironment = await startAppEnvironment('route-properties', {
  RATE_LIMIT_TTS_PER_LEARNER_PER_MINUTE: '1000000',
  RATE_LIMIT_TTS_PER_IP_PER_MINUTE: '1000000',
  RATE_LIMIT_CHAT_PER_LEARNER_PER_MINUTE: '1000000',
  RATE_LIMIT_CHAT_PER_IP_PER_MINUTE: '1000000',
});
const routes = {
  reviews: await import('@/app/api/reviews/route'),
  chat: await import('@/app/api/chat/route'),
  tts: await import('@/app/api/tts/route'),
  conversations: await import('@/app/api/conversations/[id]/route'),
};
const { cookie } = newLearner();

after(async () => {
  await app.close();
});

const edgeNumber = fc.oneof(
  fc.constantFrom(0, -1, 1, INT4_MAX, INT4_MAX + 1, -INT4_MAX - 1, 2 ** 53, 1e308, 0.5, -0),
  fc.integer(),
  fc.double(),
);
const value = fc.oneof(edgeNumber, fc.jsonValue(), fc.string({ maxLength: 20 }));
/** Each route's own fields (so most bodies get past "unknown field"), or any JSON at all. */
const bodyOf = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.oneof(fc.jsonValue(), fc.record(fields, { requiredKeys: [] }));
const bodies = {
  '/api/reviews': bodyOf({
    phraseId: fc.oneof(fc.integer({ min: 1, max: 50 }), value),
    rating: fc.oneof(fc.integer({ min: -1, max: 5 }), value),
  }),
  '/api/chat': bodyOf({
    message: fc.oneof(fc.constant('你好'), value),
    lessonId: value,
    conversationId: fc.oneof(fc.uuid(), value),
  }),
  '/api/tts': bodyOf({
    text: fc.oneof(fc.constant('你好'), value),
    speed: value,
    voice: value,
  }),
};

function post(path: string, json: unknown): Request {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(json),
  });
}

async function assertNot5xx(response: Response, what: string): Promise<void> {
  const text = await response.text(); // drains streamed replies too
  assert.ok(response.status < 500, `${what}: ${response.status} ${text.slice(0, 200)}`);
}

describe('learner routes over arbitrary JSON: never a 5xx', () => {
  for (const [name, handler] of [
    ['/api/reviews', routes.reviews.POST],
    ['/api/chat', routes.chat.POST],
    ['/api/tts', routes.tts.POST],
  ] as const) {
    it(`POST ${name}`, async () => {
      await fc.assert(
        fc.asyncProperty(bodies[name], async (json) => {
          await assertNot5xx(await handler(post(name, json)), `${name} ${JSON.stringify(json)}`);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('GET /api/conversations/[id] with any id', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })), async (id) => {
        const request = new Request('http://localhost/api/conversations/x', {
          headers: { cookie },
        });
        await assertNot5xx(
          await routes.conversations.GET(request, { params: Promise.resolve({ id }) }),
          `conversation ${JSON.stringify(id)}`,
        );
      }),
      { numRuns: 60 },
    );
  });

  it('the first id past int4 is a 400 naming the field, not a database error', async () => {
    for (const [path, json, field] of [
      ['/api/reviews', { phraseId: INT4_MAX + 1, rating: 3 }, 'phraseId'],
      ['/api/chat', { message: '你好', lessonId: INT4_MAX + 1 }, 'lessonId'],
    ] as const) {
      const handler = path === '/api/reviews' ? routes.reviews.POST : routes.chat.POST;
      const response = await handler(post(path, json));
      assert.equal(response.status, 400, path);
      const { error } = (await response.json()) as { error: { field: string } };
      assert.equal(error.field, field);
    }
  });
});
