import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, it } from 'node:test';
import { newLearner, startAppEnvironment } from '../input/app-environment';

// /api/metrics as Prometheus scrapes it: every API request is counted by route pattern, method and
// status with its latency, and Prometheus' own linter (`promtool check metrics`, Debian's
// `prometheus` package, installed by .ci/run) accepts the whole exposition.

const app = await startAppEnvironment('metrics-exposition');
const reviews = await import('@/app/api/reviews/route');
const conversations = await import('@/app/api/conversations/[id]/route');
const metrics = await import('@/app/api/metrics/route');
const adminOverview = await import('@/app/api/admin/cache/overview/route');
const { id: phraseId } = await app.database.prisma.phrase.findFirstOrThrow();
const { cookie } = newLearner();

after(async () => {
  await app.close();
});

async function scrape(): Promise<string> {
  const response = await metrics.GET(new Request('http://localhost/api/metrics'));
  assert.equal(response.status, 200);
  return response.text();
}

const review = (body: unknown) =>
  reviews.POST(
    new Request('http://localhost/api/reviews', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );

it('counts API requests by route, method and status, with ids out of the labels', async () => {
  const ok = await review({ phraseId, rating: 3 });
  assert.equal(ok.status, 200);
  assert.match(ok.headers.get('x-request-id') ?? '', /^[\w-]{8,}$/, 'answers carry a request id');
  assert.equal((await review({ phraseId: 'x', rating: 3 })).status, 400);
  const id = '6f1c1d7e-8e1a-4d3e-9b1a-0c2d3e4f5a6b';
  await conversations.GET(
    new Request(`http://localhost/api/conversations/${id}`, { headers: { cookie } }),
    { params: Promise.resolve({ id }) },
  );

  const text = await scrape();
  const series = (status: number) =>
    new RegExp(
      `tingshuo_http_request_duration_seconds_count\\{route="/api/reviews",method="POST",status="${status}"\\} 1`,
    );
  assert.match(text, series(200));
  assert.match(text, series(400));
  assert.match(text, /route="\/api\/conversations\/\[param\]",method="GET"/);
  assert.doesNotMatch(text, new RegExp(id), 'no id becomes a label value');
});

it('admin API requests are counted and carry a request id like every other API', async () => {
  const refused = await adminOverview.GET(new Request('http://localhost/api/admin/cache/overview'));
  assert.equal(refused.status, 401);
  assert.match(refused.headers.get('x-request-id') ?? '', /^[\w-]{8,}$/);
  assert.match(
    await scrape(),
    /tingshuo_http_request_duration_seconds_count\{route="\/api\/admin\/cache\/overview",method="GET",status="401"\} 1/,
  );
});

it('promtool check metrics accepts the exposition', async () => {
  const result = spawnSync('promtool', ['check', 'metrics'], { input: await scrape() });
  assert.equal(result.error, undefined, 'promtool is installed (apt: prometheus)');
  assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
});
