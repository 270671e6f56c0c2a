import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const SHARED_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A prefix no other test (or helper) uses, valid as a cache prefix. */
export function uniquePrefix(label = 't'): string {
  return `${label}-${process.pid}-${randomBytes(4).toString('hex')}`.toLowerCase().slice(0, 32);
}

/**
 * A plain client on the shared Redis plus the prefix this test owns; `cleanup()` deletes only keys
 * under that prefix (SCAN is fine in tests; the shared Redis must never be flushed).
 */
export async function redisForTest(label?: string, url = SHARED_REDIS_URL) {
  const prefix = uniquePrefix(label);
  const client = new Redis(url);
  const cleanup = async () => {
    await deleteByPrefix(client, prefix);
    client.disconnect();
  };
  return { prefix, client, cleanup };
}

export async function deleteByPrefix(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await client.unlink(...keys);
  } while (cursor !== '0');
}
