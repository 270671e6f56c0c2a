/**
 * What one Redis value holds. `f` (the fence token) comes first so the fenced-write script can
 * compare it with a prefix match instead of decoding JSON; `v` lets a new release recognise
 * entries written by an older one and treat them as misses instead of misreading them.
 *
 * Decoding is on the L2-hit path, so the envelope is checked by hand rather than with a zod
 * schema (a third of the decode cost); the caller's zod schema still validates `value`.
 */
export const ENVELOPE_VERSION = 2;

export interface Envelope {
  f: string;
  v: typeof ENVELOPE_VERSION;
  value: unknown;
  createdAt: number;
  freshUntil: number;
  staleUntil: number;
  tags?: Record<string, number>;
  neg?: true;
  /** The loader returned `undefined` (JSON has no such value; `value` is null on the wire). */
  und?: true;
}

export type Decoded =
  | { kind: 'entry'; envelope: Envelope }
  /** A delete left this behind so a fill that started before it cannot write after it. */
  | { kind: 'tombstone'; fence: string }
  | { kind: 'corrupt' };

const CORRUPT: Decoded = { kind: 'corrupt' };

export function decodeEnvelope(raw: string): Decoded {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return CORRUPT;
  }
  if (typeof parsed !== 'object' || parsed === null) return CORRUPT;
  const candidate = parsed as Record<string, unknown>;
  if (typeof candidate.f !== 'string' || candidate.v !== ENVELOPE_VERSION) return CORRUPT;
  if (candidate.deleted === true) return { kind: 'tombstone', fence: candidate.f };
  if (
    !('value' in candidate) ||
    !isNumber(candidate.createdAt) ||
    !isNumber(candidate.freshUntil) ||
    !isNumber(candidate.staleUntil) ||
    (candidate.neg !== undefined && candidate.neg !== true) ||
    (candidate.und !== undefined && candidate.und !== true) ||
    (candidate.tags !== undefined && !isTagVersions(candidate.tags))
  ) {
    return CORRUPT;
  }
  // `.optional()` schemas must get back the undefined their loader returned, not null.
  if (candidate.und === true) candidate.value = undefined;
  return { kind: 'entry', envelope: candidate as unknown as Envelope };
}

const isNumber = (value: unknown): value is number => typeof value === 'number';

function isTagVersions(tags: unknown): tags is Record<string, number> {
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return false;
  for (const tag in tags) if (!isNumber((tags as Record<string, unknown>)[tag])) return false;
  return true;
}

export function encodeEnvelope(envelope: Envelope): string {
  const { f, v, value, createdAt, freshUntil, staleUntil, tags, neg } = envelope;
  const und = value === undefined ? true : undefined;
  // Field order is part of the format: the fence token must be the first field.
  return JSON.stringify({
    f,
    v,
    value: und ? null : value,
    createdAt,
    freshUntil,
    staleUntil,
    tags,
    neg,
    und,
  });
}

/** The value an encoded envelope gives back, as a read from L2 would (`und`: undefined). */
export function encodedValue(encoded: string): unknown {
  const decoded = JSON.parse(encoded) as { value: unknown; und?: true };
  return decoded.und === true ? undefined : decoded.value;
}

export function encodeTombstone(fence: string): string {
  return JSON.stringify({ f: fence, v: ENVELOPE_VERSION, deleted: true });
}

/** The exact bytes every value carrying `fence` starts with (what the write script compares). */
export function fencePrefix(fence: string): string {
  return `{"f":${JSON.stringify(fence)},`;
}
