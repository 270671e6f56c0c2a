import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { runToEnd } from './run-to-end';

/** Throwaway redis-server processes on the ports this suite owns (7100-7199), stopped by PID. */
export interface RedisServer {
  port: number;
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
}

const workDir = (port: number) => `/tmp/tingshuo-cache-redis-${port}`;

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * One question to a server that may not be up yet, on a connection of its own that gives up at
 * once (no retry, a short connect timeout): the polls below call it until it answers.
 */
async function askOnce<T>(port: number, question: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis({
    port,
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    connectTimeout: 500,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return await question(client);
  } finally {
    client.disconnect();
  }
}

const ping = (port: number) => askOnce(port, async (client) => (await client.ping()) === 'PONG');

function launch(port: number, args: string[]): ChildProcess {
  mkdirSync(workDir(port), { recursive: true });
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      workDir(port),
      ...args,
    ],
    { stdio: 'ignore' },
  );
  child.on('error', () => {});
  return child;
}

async function kill(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

export async function startRedisServer(port: number, args: string[] = []): Promise<RedisServer> {
  let child: ChildProcess | undefined;
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = launch(port, args);
      await waitFor(() => ping(port), 5000, `redis-server on ${port}`);
    },
    async stop() {
      await kill(child);
      child = undefined;
    },
    async restart() {
      await server.stop();
      await server.start();
    },
  };
  await server.start();
  return server;
}

export interface RedisClusterProcesses {
  nodes: { host: string; port: number }[];
  stop(): Promise<void>;
}

/** Three masters, no replicas: enough to spread slots and provoke CROSSSLOT. */
export async function startRedisCluster(
  ports: [number, number, number],
): Promise<RedisClusterProcesses> {
  for (const port of ports) rmSync(workDir(port), { recursive: true, force: true });
  const servers = await Promise.all(
    ports.map((port) =>
      startRedisServer(port, [
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        `nodes-${port}.conf`,
        '--cluster-node-timeout',
        '2000',
      ]),
    ),
  );
  const stopAll = async () => {
    await Promise.all(servers.map((server) => server.stop()));
    for (const port of ports) rmSync(workDir(port), { recursive: true, force: true });
  };
  try {
    await runCommand('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    await waitFor(
      async () => {
        const results = await Promise.all(ports.map((port) => clusterState(port)));
        return results.every((state) => state === 'ok');
      },
      10_000,
      'cluster_state:ok',
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
  return { nodes: ports.map((port) => ({ host: '127.0.0.1', port })), stop: stopAll };
}

const clusterState = (port: number) =>
  askOnce(port, async (client) => {
    const info = (await client.call('CLUSTER', 'INFO')) as string;
    return /cluster_state:(\w+)/.exec(info)?.[1];
  });

/** A master plus one sentinel watching it under `name`. */
export async function startRedisSentinel(
  masterPort: number,
  sentinelPort: number,
  name = 'mymaster',
) {
  const master = await startRedisServer(masterPort);
  mkdirSync(workDir(sentinelPort), { recursive: true });
  const configFile = `${workDir(sentinelPort)}/sentinel.conf`;
  writeFileSync(
    configFile,
    [
      `port ${sentinelPort}`,
      'bind 127.0.0.1',
      `dir ${workDir(sentinelPort)}`,
      `sentinel monitor ${name} 127.0.0.1 ${masterPort} 1`,
      '',
    ].join('\n'),
  );
  const sentinel = spawn('redis-server', [configFile, '--sentinel'], { stdio: 'ignore' });
  sentinel.on('error', () => {});
  await waitFor(() => ping(sentinelPort), 5000, `sentinel on ${sentinelPort}`);
  return {
    sentinels: [{ host: '127.0.0.1', port: sentinelPort }],
    name,
    async stop() {
      await kill(sentinel);
      await master.stop();
      rmSync(workDir(sentinelPort), { recursive: true, force: true });
    },
  };
}

async function runCommand(command: string, args: string[]): Promise<void> {
  const { code, stderr } = await runToEnd(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (code !== 0) throw new Error(`${command} exited ${code}: ${stderr}`);
}
