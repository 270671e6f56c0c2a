import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runToEnd } from './run-to-end';

// Output can still be on its way after a child's 'exit' (a pipe read late, or a process it
// started that shares its stderr). Here a grandchild holds the child's stderr and writes only
// once the child has been reaped, that is once 'exit' has been emitted here (a zombie still
// answers kill(pid, 0)): the race a pipe read late makes now and then happens every time.
const GRANDCHILD = `
  const parent = Number(process.argv[1]);
  const poll = () => {
    try { process.kill(parent, 0); setTimeout(poll, 5); }
    catch { process.stderr.write('written after the exit'); }
  };
  poll();`;
const CHILD = `
  const { spawn } = require('node:child_process');
  process.stderr.write('before the exit; ');
  spawn(process.execPath, ['-e', ${JSON.stringify(GRANDCHILD)}, String(process.pid)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  }).unref();
  process.exitCode = 3;`;

test('all a child wrote is read, even output that arrives after its exit', async () => {
  const { code, stderr } = await runToEnd(process.execPath, ['-e', CHILD]);
  assert.equal(code, 3);
  assert.equal(stderr, 'before the exit; written after the exit');
});

test('a command that cannot start rejects instead of hanging', async () => {
  await assert.rejects(runToEnd('/nonexistent/command', []), { code: 'ENOENT' });
});
