import { errorResponse } from './errors';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

// The draft's value is a Structured Fields string ("..."); a bare token is accepted as well.
// Printable ASCII without quotes or backslashes, as a Structured Fields string allows.
const KEY = /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,255}$/;

export type ParsedIdempotencyKey =
  { ok: true; key: string | undefined } | { ok: false; response: Response };

/** The request's `Idempotency-Key`, if it sent one; a malformed key is a 400 naming the header. */
export function readIdempotencyKey(request: Request): ParsedIdempotencyKey {
  const raw = request.headers.get(IDEMPOTENCY_KEY_HEADER);
  if (raw === null) return { ok: true, key: undefined };
  const trimmed = raw.trim();
  const unquoted =
    trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
      ? trimmed.slice(1, -1)
      : trimmed;
  if (!KEY.test(unquoted) || unquoted.trim() === '') {
    return {
      ok: false,
      response: errorResponse(
        400,
        'invalid_header',
        `${IDEMPOTENCY_KEY_HEADER}: expected 1-255 printable ASCII characters (a UUID is ideal)`,
        { field: IDEMPOTENCY_KEY_HEADER },
      ),
    };
  }
  return { ok: true, key: unquoted };
}
