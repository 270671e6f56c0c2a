import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';

/**
 * A private, throwaway redis-server for the benchmark: the 1M-key scenario and the flushes
 * between scenarios must never touch the shared instance on 6379. Nothing is persisted.
 */
export interface ThrowawayRedis {
  port: number;
  url: string;
  version: string;
  stop(): Promise<void>;
}

async function waitUntilReady(port: number, child: ChildProcess): Promise<string> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server on ${port} exited early`);
    const probe = new Redis({
      port,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    // Refused connections are expected while the server boots; connect() rejects and we retry.
    probe.on('error', () => {});
    try {
      await probe.connect();
      const info = await probe.info('server');
      return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      probe.disconnect();
    }
  }
  throw new Error(`redis-server on ${port} did not answer within 5 s`);
}

export async function startThrowawayRedis(port: number): Promise<ThrowawayRedis> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const exited = once(child, 'exit');
  try {
    const version = await waitUntilReady(port, child);
    return {
      port,
      url: `redis://127.0.0.1:${port}`,
      version,
      stop: async () => {
        if (child.exitCode === null) {
          child.kill('SIGTERM');
          await exited;
        }
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
