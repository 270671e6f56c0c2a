import type { Cluster, Redis } from 'ioredis';
import { within } from '@/lib/async/deadline';
import { isCluster } from '@/lib/cache';

/**
 * The admin's own Redis connection is off the learners' request path, so it can afford a longer
 * bound than the cache's: a loaded but healthy Redis should not be reported as down.
 */
export const ADMIN_REDIS_COMMAND_TIMEOUT_MS = 1000;

export interface RedisServerHealth {
  /** Round trip of a PING, the worst across nodes on a cluster. */
  pingMs: number;
  usedMemoryBytes: number;
  /** 0 means no limit is configured (Redis may grow until the machine runs out). */
  maxMemoryBytes: number;
  maxMemoryPolicy: string | null;
  evictedKeys: number;
  opsPerSecond: number;
  nodes: number;
}

/**
 * What INFO says, read through the cache's own fail-fast connection and bounded by `timeoutMs`, so
 * a dead or paused Redis gives an answer ("down") instead of a hung dashboard.
 */
export async function readRedisHealth(
  redis: Redis | Cluster,
  timeoutMs = 2 * ADMIN_REDIS_COMMAND_TIMEOUT_MS,
): Promise<{ ok: true; server: RedisServerHealth } | { ok: false; error: string }> {
  try {
    const nodes = isCluster(redis) ? redis.nodes('master') : [redis];
    if (nodes.length === 0) return { ok: false, error: 'no cluster master is connected' };
    const perNode = await within(timeoutMs, 'Redis', () => Promise.all(nodes.map(readNode)));
    return {
      ok: true,
      server: {
        pingMs: Math.max(...perNode.map((node) => node.pingMs)),
        usedMemoryBytes: sumOf(perNode, (node) => node.usedMemoryBytes),
        maxMemoryBytes: sumOf(perNode, (node) => node.maxMemoryBytes),
        maxMemoryPolicy: perNode[0]?.maxMemoryPolicy ?? null,
        evictedKeys: sumOf(perNode, (node) => node.evictedKeys),
        opsPerSecond: sumOf(perNode, (node) => node.opsPerSecond),
        nodes: perNode.length,
      },
    };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

async function readNode(node: Redis): Promise<RedisServerHealth> {
  const started = performance.now();
  await node.ping();
  const pingMs = performance.now() - started;
  const info = parseInfo(String(await node.info()));
  return {
    pingMs,
    usedMemoryBytes: numberField(info, 'used_memory'),
    maxMemoryBytes: numberField(info, 'maxmemory'),
    maxMemoryPolicy: info.get('maxmemory_policy') ?? null,
    evictedKeys: numberField(info, 'evicted_keys'),
    opsPerSecond: numberField(info, 'instantaneous_ops_per_sec'),
    nodes: 1,
  };
}

export function parseInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const separator = line.indexOf(':');
    if (separator > 0 && !line.startsWith('#'))
      fields.set(line.slice(0, separator), line.slice(separator + 1));
  }
  return fields;
}

function numberField(info: Map<string, string>, name: string): number {
  const value = Number(info.get(name));
  return Number.isFinite(value) ? value : 0;
}

function sumOf<T>(items: readonly T[], pick: (item: T) => number): number {
  return items.reduce((total, item) => total + pick(item), 0);
}
