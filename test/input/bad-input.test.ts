import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { logIn, ORIGIN, type Session } from '../admin/fixtures';
import { apiError, newLearner, startAppEnvironment, type AppEnvironment } from './app-environment';

// Every route, called through its exported handlers exactly as Next.js calls them, with input a
// careless or hostile client could send. Each must be a 4xx with a JSON error naming what was
// wrong, write nothing (rows and Redis keys counted before and after), and leave the app working.

async function loadRoutes() {
  return {
    tts: await import('@/app/api/tts/route'),
    audio: await import('@/app/api/audio/[file]/route'),
    chat: await import('@/app/api/chat/route'),
    conversations: await import('@/app/api/conversations/[id]/route'),
    progress: await import('@/app/api/progress/route'),
    reviews: await import('@/app/api/reviews/route'),
    health: await import('@/app/api/health/route'),
    metrics: await import('@/app/api/metrics/route'),
    login: await import('@/app/api/admin/login/route'),
    logout: await import('@/app/api/admin/logout/route'),
    invalidate: await import('@/app/api/admin/cache/invalidate/route'),
    keys: await import('@/app/api/admin/cache/keys/route'),
    audit: await import('@/app/api/admin/cache/audit/route'),
    overview: await import('@/app/api/admin/cache/overview/route'),
    savings: await import('@/app/api/admin/cache/savings/route'),
    adminHealth: await import('@/app/api/admin/cache/health/route'),
    resetStats: await import('@/app/api/admin/cache/stats/reset/route'),
  };
}

// Top level: the case tables below are built from the loaded route modules.
const app: AppEnvironment = await startAppEnvironment('input');
const routes = await loadRoutes();
const learner = newLearner();
const adminSession: Session = await logIn(app.admin);
const { id: phraseId } = await app.database.prisma.phrase.findFirstOrThrow({
  orderBy: { id: 'asc' },
});

after(async () => {
  await app?.close();
});

type Body = string | Uint8Array<ArrayBuffer> | object;

function jsonRequest(path: string, body: Body, headers: Record<string, string> = {}): Request {
  const payload =
    typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
  const origin = path.startsWith('/api/admin/') ? ORIGIN : 'http://localhost';
  return new Request(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: payload,
  });
}

const params = <T>(value: T) => ({ params: Promise.resolve(value) });

const adminHeaders = () => ({
  cookie: adminSession.cookie,
  'x-csrf-token': adminSession.csrfToken,
});

interface BadCase {
  name: string;
  send: () => Promise<Response>;
  status: number;
  /** The field the error must name, when the refusal is about one. */
  field?: string;
}

const BIG = 'x'.repeat(1024 * 1024);
const NOT_UTF8 = new Uint8Array([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
// 3,000 nested arrays: far deeper than any request needs, small enough to pass every size cap.
const DEEP = `{"text":${'['.repeat(3_000)}${']'.repeat(3_000)}}`;

/** Input that is wrong the same way for every JSON route, whatever its fields. */
function malformedBodies(path: string, post: (request: Request) => Promise<Response>): BadCase[] {
  const send = (body: Body) => () => post(jsonRequest(path, body, { cookie: learner.cookie }));
  return [
    { name: 'truncated JSON', send: send('{"text":'), status: 400, field: 'body' },
    { name: 'not JSON at all', send: send('hello'), status: 400, field: 'body' },
    { name: 'an empty body', send: send(''), status: 400, field: 'body' },
    { name: 'a JSON array', send: send('[]'), status: 400, field: 'body' },
    { name: 'JSON null', send: send('null'), status: 400, field: 'body' },
    { name: 'a bare string', send: send('"你好"'), status: 400, field: 'body' },
    { name: 'bytes that are not UTF-8', send: send(NOT_UTF8), status: 400, field: 'body' },
    { name: 'deeply nested arrays', send: send(DEEP), status: 400 },
    { name: 'a 1 MB body', send: send(`{"text":"${BIG}"}`), status: 413, field: 'body' },
    { name: 'a lone surrogate key', send: send('{"\\ud800":1}'), status: 400, field: 'body' },
  ];
}

function ttsCases(): BadCase[] {
  const post = (body: Body) => () => routes.tts.POST(jsonRequest('/api/tts', body));
  return [
    ...malformedBodies('/api/tts', routes.tts.POST),
    { name: 'text missing', send: post({}), status: 400, field: 'text' },
    { name: 'text a number', send: post({ text: 42 }), status: 400, field: 'text' },
    { name: 'text an object', send: post({ text: { $ne: '' } }), status: 400, field: 'text' },
    { name: 'text only spaces', send: post({ text: ' \t\n ' }), status: 400, field: 'text' },
    { name: 'an unknown field', send: post({ text: '你好', sped: 1 }), status: 400, field: 'sped' },
    {
      name: '__proto__ smuggled as a field',
      send: post('{"text":"你好","__proto__":{"admin":true}}'),
      status: 400,
      field: '__proto__',
    },
    {
      name: 'speed a string',
      send: post({ text: '你好', speed: '1' }),
      status: 400,
      field: 'speed',
    },
    { name: 'speed huge', send: post({ text: '你好', speed: 1e308 }), status: 400, field: 'speed' },
    {
      name: 'speed negative',
      send: post({ text: '你好', speed: -1 }),
      status: 400,
      field: 'speed',
    },
    { name: 'voice a glob', send: post({ text: '你好', voice: '*' }), status: 400, field: 'voice' },
    {
      name: 'voice a path',
      send: post({ text: '你好', voice: '../../etc/passwd' }),
      status: 400,
      field: 'voice',
    },
    { name: 'a lone surrogate', send: post('{"text":"\\ud800"}'), status: 400, field: 'text' },
    {
      name: 'a lone low surrogate',
      send: post('{"text":"a\\udfffb"}'),
      status: 400,
      field: 'text',
    },
    { name: 'NUL', send: post('{"text":"你\\u0000好"}'), status: 400, field: 'text' },
    { name: 'a bell character', send: post('{"text":"你\\u0007好"}'), status: 400, field: 'text' },
    { name: 'DEL', send: post('{"text":"你\\u007f好"}'), status: 400, field: 'text' },
    {
      name: 'text over the engine limit',
      send: post({ text: '好'.repeat(2_000) }),
      status: 400,
      field: 'text',
    },
  ];
}

function audioCases(): BadCase[] {
  const get = (file: string) => () =>
    routes.audio.GET(
      new Request(`http://localhost/api/audio/${encodeURIComponent(file)}`),
      params({ file }),
    );
  const hex = 'a'.repeat(64);
  return [
    { name: 'dot-dot slash', send: get('../../etc/passwd'), status: 400, field: 'file' },
    { name: 'encoded dot-dot slash', send: get('..%2f..%2fetc%2fpasswd'), status: 400 },
    { name: 'backslashes', send: get('..\\..\\windows\\win.ini'), status: 400, field: 'file' },
    { name: 'NUL before the extension', send: get(`${hex}\u0000.mp3`), status: 400 },
    { name: 'encoded NUL', send: get(`${hex}.mp3%00.txt`), status: 400, field: 'file' },
    { name: 'a glob', send: get('*.mp3'), status: 400, field: 'file' },
    { name: 'a bracket class', send: get(`[a-f]${hex.slice(1)}.mp3`), status: 400 },
    { name: 'an absolute path', send: get(`/tmp/${hex}.mp3`), status: 400, field: 'file' },
    { name: 'another extension', send: get(`${hex}.exe`), status: 400, field: 'file' },
    { name: 'uppercase digest', send: get(`${'A'.repeat(64)}.mp3`), status: 400 },
    { name: 'a well-formed name never stored', send: get(`${hex}.mp3`), status: 404 },
  ];
}

function chatCases(): BadCase[] {
  const post =
    (body: Body, cookie: string | null = learner.cookie) =>
    () =>
      routes.chat.POST(jsonRequest('/api/chat', body, cookie ? { cookie } : {}));
  return [
    ...malformedBodies('/api/chat', routes.chat.POST),
    { name: 'no learner cookie', send: post({ message: '你好' }, null), status: 401 },
    {
      name: 'a forged cookie',
      send: post({ message: '你好' }, 'ts_learner=00000000-0000-4000-8000-000000000000.x'),
      status: 401,
    },
    { name: 'a glob for a cookie', send: post({ message: '你好' }, 'ts_learner=*'), status: 401 },
    { name: 'message missing', send: post({}), status: 400, field: 'message' },
    { name: 'message a number', send: post({ message: 42 }), status: 400, field: 'message' },
    { name: 'message empty', send: post({ message: '   ' }), status: 400, field: 'message' },
    {
      name: 'message over 1000 characters',
      send: post({ message: '好'.repeat(1001) }),
      status: 400,
      field: 'message',
    },
    { name: 'a 9 KB body', send: post({ message: 'a'.repeat(9000) }), status: 413 },
    {
      name: 'an unknown field',
      send: post({ message: '你好', role: 'system' }),
      status: 400,
      field: 'role',
    },
    {
      name: 'conversationId not a uuid',
      send: post({ message: '你好', conversationId: '1 OR 1=1' }),
      status: 400,
      field: 'conversationId',
    },
    {
      name: 'conversationId a glob',
      send: post({ message: '你好', conversationId: '*' }),
      status: 400,
      field: 'conversationId',
    },
    {
      name: 'conversationId nobody owns',
      send: post({ message: '你好', conversationId: '7c2b1c9e-0f4e-4c5b-9d7a-2b1f3a4c5d6e' }),
      status: 404,
      field: 'conversationId',
    },
    {
      name: 'lessonId an object',
      send: post({ message: '你好', lessonId: {} }),
      status: 400,
      field: 'lessonId',
    },
    {
      name: 'lessonId negative',
      send: post({ message: '你好', lessonId: -1 }),
      status: 400,
      field: 'lessonId',
    },
    { name: 'lessonId a glob', send: post({ message: '你好', lessonId: '*' }), status: 404 },
    { name: 'message with NUL', send: post('{"message":"a\\u0000"}'), status: 400 },
    { name: 'message with a lone surrogate', send: post('{"message":"\\udc00"}'), status: 400 },
  ];
}

function conversationCases(): BadCase[] {
  const get =
    (id: string, cookie: string | null = learner.cookie) =>
    () =>
      routes.conversations.GET(
        new Request(`http://localhost/api/conversations/${encodeURIComponent(id)}`, {
          headers: cookie ? { cookie } : {},
        }),
        params({ id }),
      );
  return [
    {
      name: 'no learner cookie',
      send: get('7c2b1c9e-0f4e-4c5b-9d7a-2b1f3a4c5d6e', null),
      status: 401,
    },
    { name: 'an id that is not a uuid', send: get("1' OR '1'='1"), status: 404 },
    { name: 'a glob id', send: get('*'), status: 404 },
    { name: 'a path id', send: get('../progress'), status: 404 },
    { name: 'a NUL id', send: get('\u0000'), status: 404 },
    { name: 'an unknown uuid', send: get('7c2b1c9e-0f4e-4c5b-9d7a-2b1f3a4c5d6e'), status: 404 },
  ];
}

function progressCases(): BadCase[] {
  const get = (cookie: string | null) => () =>
    routes.progress.GET(
      new Request('http://localhost/api/progress', { headers: cookie ? { cookie } : {} }),
    );
  const reviews =
    (body: Body, cookie: string | null = learner.cookie) =>
    () =>
      routes.reviews.POST(jsonRequest('/api/reviews', body, cookie ? { cookie } : {}));
  return [
    { name: 'progress without a cookie', send: get(null), status: 401, field: 'cookie' },
    { name: 'progress with a glob cookie', send: get('ts_learner=*'), status: 401 },
    { name: 'progress with a control character', send: get('ts_learner=\u0007'), status: 401 },
    ...malformedBodies('/api/reviews', routes.reviews.POST),
    {
      name: 'review without a cookie',
      send: reviews({ phraseId: 1, rating: 3 }, null),
      status: 401,
    },
    { name: 'phraseId missing', send: reviews({ rating: 3 }), status: 400, field: 'phraseId' },
    {
      name: 'phraseId a string',
      send: reviews({ phraseId: '1', rating: 3 }),
      status: 400,
      field: 'phraseId',
    },
    {
      name: 'phraseId huge',
      send: reviews({ phraseId: 1e20, rating: 3 }),
      status: 400,
      field: 'phraseId',
    },
    {
      name: 'phraseId fractional',
      send: reviews({ phraseId: 1.5, rating: 3 }),
      status: 400,
      field: 'phraseId',
    },
    { name: 'rating 5', send: reviews({ phraseId: 1, rating: 5 }), status: 400, field: 'rating' },
    {
      name: 'rating 3.5',
      send: reviews({ phraseId: 1, rating: 3.5 }),
      status: 400,
      field: 'rating',
    },
    {
      name: 'an unknown field',
      send: reviews({ phraseId: 1, rating: 3, learnerId: learner.learnerId }),
      status: 400,
      field: 'learnerId',
    },
    {
      name: 'a phrase that does not exist',
      send: reviews({ phraseId: 2 ** 31 - 1, rating: 3 }),
      status: 404,
    },
  ];
}

function adminCases(): BadCase[] {
  const invalidate = (body: Body) => () =>
    routes.invalidate.POST(
      jsonRequest('/api/admin/cache/invalidate', body, { ...adminHeaders(), origin: ORIGIN }),
    );
  const lookup = (query: string) => () =>
    routes.keys.GET(
      new Request(`http://admin.test/api/admin/cache/keys?${query}`, { headers: adminHeaders() }),
    );
  const audit = (query: string) => () =>
    routes.audit.GET(
      new Request(`http://admin.test/api/admin/cache/audit?${query}`, { headers: adminHeaders() }),
    );
  const login = (body: Body) => () => routes.login.POST(jsonRequest('/api/admin/login', body));
  return [
    ...malformedBodies('/api/admin/login', routes.login.POST),
    { name: 'login secret a number', send: login({ secret: 123 }), status: 400, field: 'secret' },
    {
      name: 'login with an extra field',
      send: login({ secret: 'x', admin: true }),
      status: 400,
      field: 'admin',
    },
    {
      name: 'invalidate: unknown scope',
      send: invalidate({ scope: 'everything' }),
      status: 400,
      field: 'scope',
    },
    {
      name: 'invalidate: namespace a glob',
      send: invalidate({ scope: 'namespace', namespace: '*' }),
      status: 400,
      field: 'namespace',
    },
    {
      name: 'invalidate: key with a glob',
      send: invalidate({ scope: 'key', namespace: 'tts', key: 'abc*' }),
      status: 400,
      field: 'key',
    },
    {
      name: 'invalidate: key with a bracket class',
      send: invalidate({ scope: 'key', namespace: 'tts', key: '[a-z]' }),
      status: 400,
      field: 'key',
    },
    {
      name: 'invalidate: key with a colon-glob',
      send: invalidate({ scope: 'key', namespace: 'tts', key: 'tts:?' }),
      status: 400,
      field: 'key',
    },
    {
      name: 'invalidate: key with whitespace',
      send: invalidate({ scope: 'key', namespace: 'tts', key: 'a b' }),
      status: 400,
      field: 'key',
    },
    {
      name: 'invalidate: key with a hashtag brace',
      send: invalidate({ scope: 'key', namespace: 'tts', key: '{slot}' }),
      status: 400,
      field: 'key',
    },
    {
      name: 'invalidate: key with NUL',
      send: invalidate('{"scope":"key","namespace":"tts","key":"a\\u0000"}'),
      status: 400,
      field: 'key',
    },
    {
      name: 'invalidate: tag a glob',
      send: invalidate({ scope: 'tag', namespace: 'progress', tag: 'learner:*' }),
      status: 400,
      field: 'tag',
    },
    {
      name: 'invalidate: extra field',
      send: invalidate({ scope: 'namespace', namespace: 'tts', pattern: '*' }),
      status: 400,
      field: 'pattern',
    },
    { name: 'key lookup: glob', send: lookup('namespace=tts&key=*'), status: 400, field: 'key' },
    { name: 'key lookup: NUL', send: lookup('namespace=tts&key=a%00b'), status: 400, field: 'key' },
    { name: 'key lookup: no key', send: lookup('namespace=tts'), status: 400, field: 'key' },
    { name: 'key lookup: bad namespace', send: lookup('namespace=_v&key=a'), status: 400 },
    { name: 'audit: limit not a number', send: audit('limit=abc'), status: 400, field: 'limit' },
    { name: 'audit: limit negative', send: audit('limit=-1'), status: 400, field: 'limit' },
    { name: 'audit: limit huge', send: audit('limit=1e9'), status: 400, field: 'limit' },
  ];
}

function methodCases(): BadCase[] {
  const call = (handler: (request: Request) => Response, method: string) => async () =>
    handler(new Request('http://localhost/api/x', { method }));
  return [
    { name: 'GET /api/tts', send: call(routes.tts.GET, 'GET'), status: 405 },
    { name: 'DELETE /api/tts', send: call(routes.tts.DELETE, 'DELETE'), status: 405 },
    { name: 'PUT /api/chat', send: call(routes.chat.PUT, 'PUT'), status: 405 },
    { name: 'POST /api/progress', send: call(routes.progress.POST, 'POST'), status: 405 },
    { name: 'GET /api/reviews', send: call(routes.reviews.GET, 'GET'), status: 405 },
    { name: 'PATCH /api/audio/x', send: call(routes.audio.PATCH, 'PATCH'), status: 405 },
    {
      name: 'DELETE /api/conversations/x',
      send: call(routes.conversations.DELETE, 'DELETE'),
      status: 405,
    },
    { name: 'POST /api/health', send: call(routes.health.POST, 'POST'), status: 405 },
    { name: 'POST /api/metrics', send: call(routes.metrics.POST, 'POST'), status: 405 },
    { name: 'GET /api/admin/login', send: call(routes.login.GET, 'GET'), status: 405 },
    { name: 'GET /api/admin/logout', send: call(routes.logout.GET, 'GET'), status: 405 },
    {
      name: 'GET /api/admin/cache/invalidate',
      send: call(routes.invalidate.GET, 'GET'),
      status: 405,
    },
    { name: 'DELETE /api/admin/cache/keys', send: call(routes.keys.DELETE, 'DELETE'), status: 405 },
    {
      name: 'POST /api/admin/cache/overview',
      send: call(routes.overview.POST, 'POST'),
      status: 405,
    },
    { name: 'PUT /api/admin/cache/savings', send: call(routes.savings.PUT, 'PUT'), status: 405 },
    {
      name: 'POST /api/admin/cache/health',
      send: call(routes.adminHealth.POST, 'POST'),
      status: 405,
    },
    {
      name: 'GET /api/admin/cache/stats/reset',
      send: call(routes.resetStats.GET, 'GET'),
      status: 405,
    },
    { name: 'POST /api/admin/cache/audit', send: call(routes.audit.POST, 'POST'), status: 405 },
  ];
}

const GROUPS: [string, () => BadCase[]][] = [
  ['POST /api/tts', ttsCases],
  ['GET /api/audio/[file]', audioCases],
  ['POST /api/chat', chatCases],
  ['GET /api/conversations/[id]', conversationCases],
  ['GET /api/progress and POST /api/reviews', progressCases],
  ['admin APIs', adminCases],
  ['methods no route implements', methodCases],
];

for (const [group, cases] of GROUPS) {
  describe(`bad input: ${group}`, () => {
    let footprint: Record<string, number>;
    it('takes a footprint of the database and Redis first', async () => {
      footprint = await app.footprint();
    });
    for (const { name, send, status, field } of cases()) {
      it(`${name} → ${status} JSON${field ? ` naming ${field}` : ''}`, async () => {
        const response = await send();
        assert.equal(response.status, status);
        const error = await apiError(response);
        assert.ok(error.code && error.message, 'a code and a readable message');
        if (field) assert.equal(error.field, field);
        if (status === 405) {
          assert.match(response.headers.get('allow') ?? '', /OPTIONS/);
          assert.match(error.message, new RegExp(response.headers.get('allow') ?? '-'));
        }
      });
    }
    it('wrote nothing: the same rows and Redis keys as before', async () => {
      assert.deepEqual(await app.footprint(), footprint);
    });
  });
}

describe('after all that, the app still serves', () => {
  it('health answers 200 and a valid review, speech and tutor request succeed', async () => {
    const health = await routes.health.GET();
    assert.equal(health.status, 200);
    const review = await routes.reviews.POST(
      jsonRequest('/api/reviews', { phraseId, rating: 3 }, { cookie: learner.cookie }),
    );
    assert.equal(review.status, 200);
    const speech = await routes.tts.POST(jsonRequest('/api/tts', { text: '你好' }));
    assert.equal(speech.status, 200);
    const chat = await routes.chat.POST(
      jsonRequest('/api/chat', { message: 'ni3 hao3' }, { cookie: learner.cookie }),
    );
    assert.equal(chat.status, 200);
    assert.ok((await chat.text()).length > 0);
  });

  it('OPTIONS lists only what each route implements', async () => {
    const tts = routes.tts.OPTIONS();
    assert.equal(tts.status, 204);
    assert.equal(tts.headers.get('allow'), 'POST, OPTIONS');
    assert.equal(routes.progress.OPTIONS().headers.get('allow'), 'GET, HEAD, OPTIONS');
  });
});

describe('unicode a learner may really type is accepted and stored as typed', () => {
  const texts = [
    ['emoji', '你好 👋🏽'],
    ['combining marks (stored composed, NFC)', 'nǐ hǎo'.normalize('NFD')],
    ['right-to-left text', 'مرحبا 你好'],
    ['glob and colon characters, which never reach a key', '*?[a]:{x} 你好'],
  ] as const;
  for (const [name, text] of texts) {
    it(name, async () => {
      const response = await routes.tts.POST(jsonRequest('/api/tts', { text }));
      assert.equal(response.status, 200);
      const { url } = (await response.json()) as { url: string };
      assert.match(url, /^\/api\/audio\/[0-9a-f]{64}\.wav$/);
      const row = await app.database.prisma.audioAsset.findFirstOrThrow({
        where: { storageKey: url.split('/').pop()! },
      });
      assert.equal(row.text, text.normalize('NFC'));
    });
  }
});
