import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { apiError, newLearner, startAppEnvironment } from '../input/app-environment';

// The edges of the learner API, through the real route handlers: another site cannot make a
// learner's browser post for it, bodies must be declared JSON, unknown API paths answer JSON, and
// the metrics endpoint can require a token.

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const app = await startAppEnvironment('learner-edges', { METRICS_TOKEN });
const routes = {
  '/api/reviews': (await import('@/app/api/reviews/route')).POST,
  '/api/chat': (await import('@/app/api/chat/route')).POST,
  '/api/tts': (await import('@/app/api/tts/route')).POST,
};
const unknown = await import('@/app/api/[...unknown]/route');
const metrics = await import('@/app/api/metrics/route');
const { id: phraseId } = await app.database.prisma.phrase.findFirstOrThrow();
const { cookie } = newLearner();

after(async () => {
  await app.close();
});

const BODIES = {
  '/api/reviews': { phraseId, rating: 3 },
  '/api/chat': { message: '你好' },
  '/api/tts': { text: '你好' },
};

function post(path: keyof typeof routes, headers: Record<string, string>): Promise<Response> {
  return routes[path](
    new Request(`http://localhost${path}`, {
      method: 'POST',
      headers: { cookie, ...headers },
      body: JSON.stringify(BODIES[path]),
    }),
  );
}

describe('learner mutations', () => {
  for (const path of Object.keys(routes) as (keyof typeof routes)[]) {
    it(`${path}: a cross-site request is refused and writes nothing`, async () => {
      const before = await app.footprint();
      for (const headers of <Record<string, string>[]>[
        { origin: 'https://evil.example', 'content-type': 'application/json' },
        { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
        { 'sec-fetch-site': 'same-site', 'content-type': 'application/json' },
      ]) {
        const response = await post(path, headers);
        assert.equal(response.status, 403, JSON.stringify(headers));
        assert.equal((await apiError(response)).code, 'cross_origin');
      }
      assert.deepEqual(await app.footprint(), before);
    });

    it(`${path}: a body not declared JSON is a 415 naming Content-Type`, async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', '']) {
        const response = await post(path, type ? { 'content-type': type } : {});
        assert.equal(response.status, 415, type);
        assert.equal((await apiError(response)).field, 'Content-Type');
      }
    });

    it(`${path}: the app's own pages get through`, async () => {
      const response = await post(path, {
        origin: 'http://localhost',
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/json; charset=utf-8',
      });
      assert.equal(response.status, 200, await response.clone().text());
      await response.text();
    });
  }
});

describe('the rest of the API surface', () => {
  it('an unknown /api path is a JSON 404 for every method', async () => {
    for (const handler of [unknown.GET, unknown.POST, unknown.PUT, unknown.DELETE]) {
      const response = handler();
      assert.equal(response.status, 404);
      assert.equal((await apiError(response)).code, 'not_found');
    }
  });

  it('/api/metrics requires its bearer token when one is configured', async () => {
    const get = (authorization?: string) =>
      metrics.GET(
        new Request('http://localhost/api/metrics', {
          headers: authorization ? { authorization } : {},
        }),
      );
    for (const wrong of [undefined, 'Bearer nope', `Basic ${METRICS_TOKEN}`]) {
      const refused = await get(wrong);
      assert.equal(refused.status, 401, String(wrong));
      assert.equal(refused.headers.get('www-authenticate'), 'Bearer');
    }
    const allowed = await get(`Bearer ${METRICS_TOKEN}`);
    assert.equal(allowed.status, 200);
    assert.match(await allowed.text(), /^# HELP /m);
  });
});
