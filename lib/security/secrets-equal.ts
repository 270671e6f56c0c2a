import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a secret the client sent with the one expected, in time that depends on neither's
 * content nor length: both are hashed first, so `timingSafeEqual` always sees equal lengths.
 */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
