import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { it } from 'node:test';

// What an operator greps for: a route that fails writes one JSON line with its request id (the
// same id the client got as X-Request-Id), level and message, instead of a console.error stack.
// Run in a child process because pino writes straight to file descriptor 1.

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

const script = `
import { withErrorResponses } from '@/lib/http/route-errors';
const handler = withErrorResponses(async (request) => {
  throw new Error('boom in a handler');
});
const response = await handler(new Request('http://localhost/api/x', {
  headers: { 'x-request-id': 'req-from-the-proxy-42' },
}));
process.stderr.write(JSON.stringify({ status: response.status, id: response.headers.get('x-request-id') }));
`;

it('an unhandled route error is one JSON log line carrying the request id', () => {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, LOG_LEVEL: 'info' },
    },
  );
  const answered = JSON.parse(child.stderr.trim().split('\n').at(-1) ?? '{}') as {
    status: number;
    id: string;
  };
  assert.deepEqual(answered, { status: 500, id: 'req-from-the-proxy-42' }, child.stderr);
  const lines = child.stdout.trim().split('\n').filter(Boolean);
  assert.equal(lines.length, 1, child.stdout);
  const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
  assert.equal(entry.requestId, 'req-from-the-proxy-42');
  assert.equal(entry.level, 50); // pino's "error"
  assert.equal(entry.msg, 'unhandled error in a route handler or Server Action');
  assert.match(String((entry.err as { message?: string }).message), /boom in a handler/);
});
