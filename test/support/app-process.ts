import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The production build served by real `next start` processes, so fault tests exercise exactly
 * what is deployed: the compiled routes, the proxy, the error pages, the process's own timers.
 */
export interface AppProcess {
  port: number;
  pid: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Everything the process printed so far (stdout and stderr), for assertion messages. */
  logs(): string;
  /** True until the process exits (a crash shows here). */
  running(): boolean;
  /** SIGTERM, then SIGKILL after a grace period; removes its own DATA_DIR (not a shared one). */
  stop(): Promise<void>;
}

export interface AppProcessOptions {
  port: number;
  /** Variables on top of the test's own environment (DATABASE_URL, REDIS_URL, CACHE_PREFIX...). */
  env: Record<string, string>;
  /** Shared by a fleet (audio files live here); default: a fresh directory removed on stop. */
  dataDir?: string;
  startTimeoutMs?: number;
}

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const BUILD_ID = path.join(repoRoot, '.next', 'BUILD_ID');
const MAX_LOG_CHARS = 200_000;

/** The suite never builds (builds are shared and slow): it needs `npm run build` to have run. */
export function assertProductionBuild(): void {
  if (!existsSync(BUILD_ID)) {
    throw new Error(
      `No production build at ${path.dirname(BUILD_ID)}: run \`npm run build\` before \`npm run test:faults\`.`,
    );
  }
}

/** Fixed secrets for test processes: every instance of a test fleet must agree on them. */
export const TEST_SESSION_SECRET = 'fault-suite-session-secret-0123456789abcdef';
export const TEST_ADMIN_TOKEN = 'fault-suite-admin-token-0123456789';

export async function startAppProcess({
  port,
  env,
  dataDir: sharedDataDir,
  startTimeoutMs = 60_000,
}: AppProcessOptions): Promise<AppProcess> {
  assertProductionBuild();
  const dataDir = sharedDataDir ?? mkdtempSync(path.join(tmpdir(), `tingshuo-app-${port}-`));
  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
  const child: ChildProcess = spawn(
    process.execPath,
    [nextBin, 'start', '--port', String(port), '--hostname', '127.0.0.1'],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        DATA_DIR: dataDir,
        SESSION_SECRET: TEST_SESSION_SECRET,
        ADMIN_TOKEN: TEST_ADMIN_TOKEN,
        ...env,
      },
    },
  );
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-MAX_LOG_CHARS);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;

  const app: AppProcess = {
    port,
    pid: child.pid ?? -1,
    url: `http://127.0.0.1:${port}`,
    logs: () => output,
    running,
    async stop() {
      if (running()) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      if (!sharedDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };

  try {
    await waitUntilServing(app, startTimeoutMs);
  } catch (error) {
    await app.stop();
    throw error;
  }
  return app;
}

async function waitUntilServing(app: AppProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!app.running()) {
      throw new Error(`next start on ${app.port} exited during start-up:\n${app.logs()}`);
    }
    const status = await fetch(`${app.url}/api/health`, { signal: AbortSignal.timeout(2_000) })
      .then((response) => response.status)
      .catch(() => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`next start on ${app.port} not healthy after ${timeoutMs} ms:\n${app.logs()}`);
}
