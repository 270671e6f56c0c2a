import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { sign, unsign } from '@/lib/security/signed-value';

/**
 * Learners need no sign-up: the first visit gets a random id in a signed, httpOnly cookie.
 * The signature is what stops one learner from reading another's data by editing the cookie.
 */
export const LEARNER_COOKIE = 'ts_learner';

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

const learnerId = z.uuid();

export function learnerCookieOptions(production: boolean) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: production,
    path: '/',
    maxAge: ONE_YEAR_SECONDS,
  };
}

export function issueLearnerCookie(): { learnerId: string; value: string } {
  const id = randomUUID();
  return { learnerId: id, value: sign(id) };
}

// Checking a signature costs three SHA-256 digests (the HMAC, then both sides of the
// constant-time compare) plus a schema parse, on every page and paid request, while a learner
// sends the same cookie each time. Values that passed are remembered (the key never changes in a
// process, so they stay valid); forged ones never enter, so they are checked every time.
const verified = new LRUCache<string, string>({ max: 10_000 });

/** The learner id carried by a cookie value, or null when it is missing, forged or malformed. */
export function learnerIdFromCookie(value: string | undefined): string | null {
  if (!value) return null;
  const known = verified.get(value);
  if (known !== undefined) return known;
  const id = unsign(value);
  if (id === null || !learnerId.safeParse(id).success) return null;
  verified.set(value, id);
  return id;
}
