import type { ByteRange } from './audio-storage';

export type RangeRequest =
  { kind: 'whole' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes=(?<first>\d*)-(?<last>\d*)$/;

/**
 * Resolves an HTTP `Range` header against a file size. Only one range is served; several ranges
 * or a header we cannot read get the whole file, which RFC 9110 allows a server to do.
 */
export function resolveRange(header: string | null, size: number): RangeRequest {
  const match = header ? SINGLE_RANGE.exec(header.trim()) : null;
  if (!match?.groups) return { kind: 'whole' };
  const { first = '', last = '' } = match.groups;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    // `bytes=-N`: the last N bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', range: { start, end } };
}
