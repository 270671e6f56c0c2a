import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { E2E_ADMIN_TOKEN } from './constants';

/**
 * Starts the production build for the browser suite: a fresh database on the machine's
 * PostgreSQL, a fresh cache prefix and data folder, so no earlier run's rows, keys or audio
 * files can make a test pass. Builds first unless E2E_SKIP_BUILD=1.
 */

const adminUrl =
  process.env.E2E_ADMIN_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const database = 'tingshuo_e2e';
const dataDir = '.data/e2e';

async function recreateDatabase(): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function main() {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: await recreateDatabase(),
    DATA_DIR: dataDir,
    CACHE_PREFIX: `e2e-${randomBytes(4).toString('hex')}`,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    ADMIN_TOKEN: E2E_ADMIN_TOKEN,
    // The dashboard reads fleet statistics from Redis; flush them often so the test sees them.
    CACHE_STATS_FLUSH_MS: '1000',
  };
  rmSync(dataDir, { recursive: true, force: true });
  if (process.env.E2E_SKIP_BUILD !== '1') {
    const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  // Started as production starts it (`npm start`): the bundled runner, with no tsx.
  const app = spawn(process.execPath, ['.next/runner/run-app.mjs', 'start'], {
    stdio: 'inherit',
    env,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.kill(signal));
  app.on('exit', (code) => process.exit(code ?? 0));
}

void main();
