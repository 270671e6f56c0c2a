import { type Outcome, refused } from './outcome';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

// The draft's value is a Structured Fields string ("..."); a bare token is accepted as well.
// Printable ASCII without quotes or backslashes, as a Structured Fields string allows.
const KEY = /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,255}$/;

/**
 * An idempotency key as sent (the `Idempotency-Key` header, or a Server Action's argument):
 * undefined when none was sent, a 400 naming the header when it is malformed.
 */
export function parseIdempotencyKey(raw: unknown): Outcome<string | undefined> {
  if (raw === null || raw === undefined) return { ok: true, value: undefined };
  const trimmed = typeof raw === 'string' ? raw.trim() : '';
  const unquoted =
    trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
      ? trimmed.slice(1, -1)
      : trimmed;
  if (!KEY.test(unquoted) || unquoted.trim() === '') {
    return refused(
      400,
      'invalid_header',
      `${IDEMPOTENCY_KEY_HEADER}: expected 1-255 printable ASCII characters (a UUID is ideal)`,
      { field: IDEMPOTENCY_KEY_HEADER },
    );
  }
  return { ok: true, value: unquoted };
}
