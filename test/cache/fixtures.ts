import { z } from 'zod';
import { createCache } from '@/lib/cache';
import type { CacheOptions, NamespacePolicy } from '@/lib/cache';
import { keyLayout } from '@/lib/cache/keys';
import { SHARED_REDIS_TARGET, type TestRedisClient } from '../support/redis';

export type TestNamespace = 'tts' | 'ai' | 'progress';

export const urlSchema = z.object({ url: z.string() });

export const testPolicies: Record<TestNamespace, NamespacePolicy> = {
  tts: { ttlMs: 60_000, graceMs: 60_000 },
  ai: { ttlMs: 60_000, lease: true, leaseWaitMs: 3000 },
  progress: { ttlMs: 15 * 60_000, graceMs: 0 },
};

/** A cache on `prefix` with test-friendly policies; overrides win. */
export function testCache(prefix: string, overrides: Partial<CacheOptions<TestNamespace>> = {}) {
  return createCache<TestNamespace>({
    prefix,
    redis: SHARED_REDIS_TARGET,
    namespaces: testPolicies,
    statsFlushMs: 60_000,
    // The shared machine can be very busy; resilience tests set their own short timeout.
    commandTimeoutMs: 2000,
    ...overrides,
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A loader that counts its calls and resolves after `ms`. */
export function countingLoader<T>(value: (call: number) => T, ms = 0) {
  const loader = async () => {
    loader.calls += 1;
    const call = loader.calls;
    if (ms > 0) await sleep(ms);
    return value(call);
  };
  loader.calls = 0;
  return loader;
}

export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(20);
  }
  throw new Error('condition not met in time');
}

/**
 * Where the caches on `prefix` keep things in Redis right now: entry and lease keys name the
 * keyspace generation and the namespace version (call after a cache on `prefix` is ready).
 */
export async function currentKeys(client: TestRedisClient, prefix: string) {
  const layout = keyLayout(prefix);
  const epoch = await client.get(layout.epoch);
  const version = async (namespace: string) =>
    `${epoch}.${Number((await client.get(layout.namespaceVersion(namespace))) ?? 0)}`;
  return {
    entry: async (namespace: string, id: string) =>
      layout.entry(namespace, await version(namespace), id),
    lease: async (namespace: string, id: string) =>
      layout.lease(namespace, await version(namespace), id),
    namespaceVersion: layout.namespaceVersion,
  };
}
