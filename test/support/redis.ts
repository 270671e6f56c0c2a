import { randomBytes } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';
import type { RedisTarget } from '@/lib/cache';

export const SHARED_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * `TEST_REDIS_CLUSTER=host:port,...` (set by `npm run test:cache-cluster`) points the cache suite
 * at a Redis Cluster instead of the shared standalone server.
 */
const clusterNodes = process.env.TEST_REDIS_CLUSTER?.split(',').map((node) => {
  const [host = '', port = ''] = node.split(':');
  return { host, port: Number(port) };
});

/** Where the cache suite's caches connect: the shared Redis, or the test cluster. */
export const SHARED_REDIS_TARGET: RedisTarget = clusterNodes
  ? { mode: 'cluster', nodes: clusterNodes }
  : { mode: 'standalone', url: SHARED_REDIS_URL };

export type TestRedisClient = Redis | Cluster;

/** A prefix no other test (or helper) uses, valid as a cache prefix. */
export function uniquePrefix(label = 't'): string {
  return `${label}-${process.pid}-${randomBytes(4).toString('hex')}`.toLowerCase().slice(0, 32);
}

/**
 * A plain client on the shared Redis (or the test cluster) plus the prefix this test owns;
 * `cleanup()` deletes only keys under that prefix (SCAN is fine in tests; the shared Redis must
 * never be flushed).
 */
export async function redisForTest(label?: string) {
  const prefix = uniquePrefix(label);
  const client: TestRedisClient = clusterNodes
    ? new Cluster(clusterNodes)
    : new Redis(SHARED_REDIS_URL);
  const cleanup = async () => {
    await deleteByPrefix(client, prefix);
    client.disconnect();
  };
  return { prefix, client, cleanup };
}

/** Every key matching `pattern`, on each master of a cluster (SCAN; tests only). */
export async function keysMatching(client: TestRedisClient, pattern: string): Promise<string[]> {
  const servers = client instanceof Cluster ? client.nodes('master') : [client];
  const found: string[] = [];
  for (const server of servers) {
    let cursor = '0';
    do {
      const [next, keys] = await server.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
  }
  return found;
}

export async function deleteByPrefix(client: TestRedisClient, prefix: string): Promise<void> {
  const keys = await keysMatching(client, `${prefix}:*`);
  // One key per command: on a cluster a multi-key UNLINK would cross slots.
  await Promise.all(keys.map((key) => client.unlink(key)));
}
