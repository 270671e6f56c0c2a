import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runToEnd } from '../support/run-to-end';

const root = path.resolve(import.meta.dirname, '../..');

/** Runs the app runner; an `undefined` value removes that variable from the environment. */
function runApp(env: Record<string, string | undefined>, args: string[] = ['dev'], cwd = root) {
  const script = path.join(root, 'scripts/run-app.ts');
  return runToEnd(process.execPath, ['--import', import.meta.resolve('tsx'), script, ...args], {
    cwd,
    env: Object.fromEntries(
      Object.entries({
        ...process.env,
        NODE_ENV: '',
        TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
        ...env,
      }).filter(([, value]) => value !== undefined),
    ) as NodeJS.ProcessEnv,
  });
}

test('a malformed DATABASE_URL stops the app with one line naming it', async () => {
  const { code, stderr, stdout } = await runApp({ DATABASE_URL: 'not-a-url' });
  assert.equal(code, 1);
  assert.equal(stdout, '');
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0] ?? '', /DATABASE_URL.*postgresql:\/\//);
});

test('an unknown mode is refused with a usage line', async () => {
  const { code, stderr } = await runApp({}, ['deploy']);
  assert.equal(code, 1);
  assert.match(stderr, /usage: .*<dev\|start>/);
});

test('production refuses to start without an admin credential, naming both options', async () => {
  const { code, stderr } = await runApp(
    { SESSION_SECRET: 'x'.repeat(32), ADMIN_TOKEN: '', ADMIN_PASSWORD_HASH: '' },
    ['start'],
  );
  assert.equal(code, 1);
  assert.match(stderr.trim(), /^Configuration error: ADMIN_TOKEN or ADMIN_PASSWORD_HASH: required/);
});

test('production refuses to start without SESSION_SECRET', async () => {
  const { code, stderr } = await runApp({ SESSION_SECRET: '', ADMIN_TOKEN: 'a'.repeat(32) }, [
    'start',
  ]);
  assert.equal(code, 1);
  assert.match(stderr.trim(), /^Configuration error: SESSION_SECRET: required in production/);
});

test('settings in .env.local are read the way Next reads them', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tingshuo-env-'));
  try {
    writeFileSync(path.join(dir, '.env.local'), 'DATABASE_URL=mysql://elsewhere\n');
    const { code, stderr } = await runApp({ DATABASE_URL: undefined }, ['dev'], dir);
    assert.equal(code, 1);
    assert.match(stderr, /DATABASE_URL: expected a postgresql:\/\/ URL/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
