import { z } from 'zod';

/**
 * How a `'use cache'` entry sits in lib/cache: Next's metadata plus the serialized value as
 * base64 (lib/cache envelopes are JSON, and an RSC payload may hold bytes that are not UTF-8).
 * The schema decodes the bytes once: lib/cache keeps the parsed value in L1 per schema object,
 * so an L1 hit hands back the bytes without decoding them again.
 */
export const storedEntrySchema = z
  .object({
    // Not `z.base64()`: its check would scan every byte of every L2 hit; the writer is this file.
    body: z.string(),
    tags: z.array(z.string()),
    stale: z.number(),
    timestamp: z.number(),
    expire: z.number(),
    revalidate: z.number(),
  })
  .transform(({ body, ...meta }) => ({ ...meta, bytes: Buffer.from(body, 'base64') }));

export type StoredEntry = z.output<typeof storedEntrySchema>;

const SECOND = 1000;
/**
 * `cacheLife('max')` and an unset expire arrive as ~136 years; Redis would keep such an entry
 * long after anyone reads it. Nothing stays longer than this, fresh and stale together.
 */
export const MAX_ENTRY_LIFE_MS = 30 * 24 * 60 * 60 * SECOND;

/**
 * lib/cache's life of an entry from Next's: fresh until `revalidate`, then stale (still served
 * while Next regenerates it in the background) until `expire`, then gone from Redis.
 */
export function entryLifetime(entry: { revalidate: number; expire: number }): {
  ttlMs: number;
  graceMs: number;
} {
  const lifeMs = Math.min(Math.max(entry.expire, 1) * SECOND, MAX_ENTRY_LIFE_MS);
  const ttlMs = Math.min(Math.max(entry.revalidate, 1) * SECOND, lifeMs);
  return { ttlMs, graceMs: lifeMs - ttlMs };
}
