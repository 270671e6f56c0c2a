import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Admin password hashes: scrypt from node:crypto, stored as `scrypt:<log2 N>:<r>:<p>:<salt>:<hash>`
 * (base64url parts). No `$` in the format, because Next.js expands `$NAME` in .env files and would
 * silently mangle a PHC-style string.
 */
const PREFIX = 'scrypt';
// OWASP's scrypt minimum (N = 2^17, r = 8, p = 1). Hashes made at a lower cost still verify.
const LOG2_N = 17;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
// Refuse parameters that would make one login attempt cost seconds of CPU or gigabytes of memory.
const MAX_LOG2_N = 20;

export interface ScryptHash {
  log2N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

export async function hashAdminPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const params = { log2N: LOG2_N, r: BLOCK_SIZE, p: PARALLELISM };
  const hash = await derive(password, salt, KEY_LENGTH, params);
  return [
    PREFIX,
    LOG2_N,
    BLOCK_SIZE,
    PARALLELISM,
    salt.toString('base64url'),
    hash.toString('base64url'),
  ].join(':');
}

/** The parsed hash, or null when the string is not one `hashAdminPassword` could have made. */
export function parseAdminPasswordHash(stored: string): ScryptHash | null {
  const parts = stored.split(':');
  if (parts.length !== 6 || parts[0] !== PREFIX) return null;
  const [log2N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const hash = Buffer.from(parts[5] ?? '', 'base64url');
  const validNumbers = [log2N, r, p].every((n) => Number.isInteger(n) && n > 0);
  if (!validNumbers || log2N > MAX_LOG2_N || r > 32 || p > 16) return null;
  if (salt.length < 16 || hash.length < 16) return null;
  return { log2N, r, p, salt, hash };
}

/** True when the hash was made at a lower cost than `hashAdminPassword` uses today. */
export function isBelowCurrentCost(stored: ScryptHash): boolean {
  return stored.log2N < LOG2_N || stored.r < BLOCK_SIZE;
}

export async function verifyAdminPassword(password: string, stored: ScryptHash): Promise<boolean> {
  const candidate = await derive(password, stored.salt, stored.hash.length, stored);
  return timingSafeEqual(candidate, stored.hash);
}

function derive(
  password: string,
  salt: Buffer,
  keyLength: number,
  { log2N, r, p }: { log2N: number; r: number; p: number },
): Promise<Buffer> {
  const N = 2 ** log2N;
  // scrypt needs 128 * N * r bytes, above node's default cap (32 MiB) from N=2^15, r=8 on.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
