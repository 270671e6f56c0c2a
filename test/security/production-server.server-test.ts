import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import {
  startAppProcess,
  TEST_ADMIN_TOKEN,
  TEST_SESSION_SECRET,
  type AppProcess,
} from '../support/app-process';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { deleteByPrefix, redisForTest } from '../support/redis';

// What only the real production server shows (`next start` on the shared build; run
// `npm run build` first): headers and the nonce on the rendered HTML, Next's own handling of
// methods, huge bodies and odd paths, and that the process is still serving afterwards.

const PORT = 7401;
let database: TestDatabase;
let redis: Awaited<ReturnType<typeof redisForTest>>;
let app: AppProcess;

before(async () => {
  database = await createTestDatabase({ seed: true });
  redis = await redisForTest('sec-server');
  app = await startAppProcess({
    port: PORT,
    env: { DATABASE_URL: database.url, CACHE_PREFIX: redis.prefix },
  });
});

after(async () => {
  await app?.stop();
  if (redis) {
    await deleteByPrefix(redis.client, redis.prefix);
    await redis.cleanup();
  }
  await database?.drop();
});

/** Raw HTTP, so paths reach the server exactly as written (fetch would normalise `..`). */
function raw(
  method: string,
  path: string,
  { headers = {}, body }: { headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: PORT, method, path, headers, timeout: 15_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    // A server that refuses a huge upload may close the socket before reading it all.
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

function jsonError(response: { headers: Record<string, unknown>; body: string }) {
  assert.match(String(response.headers['content-type']), /application\/json/, response.body);
  return (JSON.parse(response.body) as { error: { code: string; field?: string } }).error;
}

describe('security headers and the CSP nonce', () => {
  it('a page carries a nonce CSP, and every script tag in it carries that nonce', async () => {
    const page = await raw('GET', '/');
    assert.equal(page.status, 200);
    const csp = String(page.headers['content-security-policy']);
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    assert.ok(nonce, `a nonce in ${csp}`);
    assert.doesNotMatch(
      csp.split('; ').find((d) => d.startsWith('script-src')) ?? '',
      /unsafe-inline/,
    );
    for (const directive of [
      "frame-ancestors 'none'",
      "connect-src 'self'",
      "media-src 'self' blob:",
      "object-src 'none'",
    ]) {
      assert.ok(csp.includes(directive), `${directive} in ${csp}`);
    }
    assert.doesNotMatch(csp, /https?:/, 'no CDN or other origin anywhere');

    const scripts = page.body.match(/<script\b[^>]*>/g) ?? [];
    assert.ok(scripts.length > 0, 'the page has scripts to hydrate with');
    for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
    assert.doesNotMatch(page.body, /<script[^>]+src="https?:/, 'no script from another origin');

    const again = await raw('GET', '/');
    assert.notEqual(
      /'nonce-([^']+)'/.exec(String(again.headers['content-security-policy']))?.[1],
      nonce,
    );
  });

  it('the scripts a page names are served, so it hydrates', async () => {
    const page = await raw('GET', '/');
    const sources = [...page.body.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(sources.length > 0);
    for (const source of sources.slice(0, 5)) {
      const script = await raw('GET', source);
      assert.equal(script.status, 200, source);
      assert.match(String(script.headers['content-type']), /javascript/);
    }
  });

  for (const path of ['/', '/review', '/api/health', '/admin/login']) {
    it(`${path}: nosniff, Referrer-Policy, Permissions-Policy, no framing`, async () => {
      const response = await raw('GET', path);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.equal(response.headers['referrer-policy'], 'strict-origin-when-cross-origin');
      assert.match(String(response.headers['permissions-policy']), /camera=\(\)/);
      assert.equal(response.headers['x-frame-options'], 'DENY');
      assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/);
      assert.equal(response.headers['x-powered-by'], undefined);
    });
  }

  it('a first visit’s learner cookie is HttpOnly, SameSite=Lax and Secure in production', async () => {
    const page = await raw('GET', '/');
    const cookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).join('\n');
    assert.match(cookie, /ts_learner=/);
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=lax/i);
    assert.match(cookie, /Secure/i);
  });

  it('the admin dashboard without a session sends the browser to the login page', async () => {
    const response = await raw('GET', '/admin');
    // With Cache Components the page's static shell streams first (200) and the redirect follows
    // in the stream, where Next's client applies it; no admin data is in either.
    if (response.status === 200) {
      assert.match(response.body, /NEXT_REDIRECT;replace;\/admin\/login;307/);
      assert.doesNotMatch(response.body, /Hit rate|Invalidate|Redis health/i);
    } else {
      assert.ok([303, 307, 308].includes(response.status), `status ${response.status}`);
      assert.match(String(response.headers.location), /\/admin\/login$/);
    }
  });
});

describe('what only the real server sees', () => {
  const methods: [string, string, string][] = [
    ['PUT', '/api/tts', 'POST, OPTIONS'],
    ['GET', '/api/chat', 'POST, OPTIONS'],
    ['DELETE', '/api/progress', 'GET, HEAD, OPTIONS'],
    ['POST', '/api/health', 'GET, HEAD, OPTIONS'],
    ['PATCH', '/api/admin/cache/invalidate', 'POST, OPTIONS'],
  ];
  for (const [method, path, allow] of methods) {
    it(`${method} ${path} → 405 JSON with Allow: ${allow}`, async () => {
      const response = await raw(method, path);
      assert.equal(response.status, 405);
      assert.equal(response.headers.allow, allow);
      assert.equal(jsonError(response).code, 'method_not_allowed');
    });
  }

  it('a 5 MB body is refused with 413 JSON, whatever Content-Length claims', async () => {
    const body = Buffer.alloc(5 * 1024 * 1024, 'a');
    const declared = await raw('POST', '/api/tts', {
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      body,
    }).catch(() => undefined);
    // Refusing early may close the socket mid-upload; when an answer arrives it must be 413.
    if (declared) {
      assert.equal(declared.status, 413);
      assert.equal(jsonError(declared).code, 'body_too_large');
    }
    const chunked = await raw('POST', '/api/chat', {
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body,
    }).catch(() => undefined);
    if (chunked) assert.ok([401, 413].includes(chunked.status), `status ${chunked.status}`);
  });

  const traversals = [
    '/api/audio/..%2f..%2f..%2fetc%2fpasswd',
    '/api/audio/..%5c..%5cwindows%5cwin.ini',
    `/api/audio/${'a'.repeat(64)}.mp3%00.txt`,
    '/api/audio/%2e%2e%2f%2e%2e%2fpackage.json',
    '/api/audio/*.mp3',
  ];
  for (const path of traversals) {
    it(`${path} never reads outside the audio folder (4xx)`, async () => {
      const response = await raw('GET', path);
      assert.ok(response.status >= 400 && response.status < 500, `status ${response.status}`);
      assert.doesNotMatch(response.body, /root:|"name": "tingshuo"|\[fonts\]/);
    });
  }

  it('an unknown lesson answers the not-found page (404, or noindex when streamed) with the way back', async () => {
    const response = await raw('GET', '/lessons/no-such-lesson');
    // A 404, or (Cache Components streams the shell first) the not-found page in a 200 that
    // search engines are told not to index.
    if (response.status === 200) {
      assert.match(response.body, /NEXT_HTTP_ERROR_FALLBACK;404/);
      assert.match(response.body, /name="robots" content="noindex"/);
    } else {
      assert.equal(response.status, 404);
    }
    assert.match(response.body, /Page not found/);
    assert.match(response.body, /Back to the lessons/);
  });

  it('after all of it the server is still up and healthy', async () => {
    assert.equal(app.running(), true, app.logs());
    assert.equal((await raw('GET', '/api/health')).status, 200);
  });
});

describe('a plain `next start`, with no app runner in front', () => {
  it(
    'refuses a bad DATABASE_URL with one configuration line and a non-zero exit',
    { timeout: 60_000 },
    async () => {
      const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
      const child = spawn(process.execPath, [nextBin, 'start', '-p', '7402'], {
        env: {
          ...process.env,
          DATABASE_URL: 'not-a-url',
          SESSION_SECRET: TEST_SESSION_SECRET,
          ADMIN_TOKEN: TEST_ADMIN_TOKEN,
          NEXT_TELEMETRY_DISABLED: '1',
        },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const [code] = (await once(child, 'exit')) as [number | null];
      assert.notEqual(code, 0);
      const configLines = stderr.split('\n').filter((line) => line.includes('Configuration error'));
      assert.equal(configLines.length, 1, stderr);
      assert.match(configLines[0] ?? '', /DATABASE_URL.*postgresql:\/\//);
    },
  );
});
