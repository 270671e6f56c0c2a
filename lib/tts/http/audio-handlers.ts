import { errorResponse } from '@/lib/http/errors';
import { IMMUTABLE_CACHE_CONTROL, isAudioKey, type AudioStorage } from '../audio-storage';
import { resolveRange } from '../byte-range';

function etagOf(file: string): string {
  return `"${file.slice(0, file.indexOf('.'))}"`;
}

function matchesAny(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

/**
 * `GET /api/audio/<digest>.<ext>` without Next.js: the bytes with their content type, a strong
 * ETag (`If-None-Match` → 304) and single-range support (206, or 416 past the end), which is
 * what `<audio>` elements and Safari's seeking rely on.
 */
export async function handleAudioGet(
  storage: AudioStorage,
  request: Request,
  file: string,
): Promise<Response> {
  if (!isAudioKey(file)) {
    return errorResponse(400, 'invalid_field', 'file: not an audio file name', { field: 'file' });
  }
  const info = await storage.stat(file);
  if (!info) return errorResponse(404, 'not_found', 'No such audio file.', { field: 'file' });

  const etag = etagOf(file);
  const headers = new Headers({
    ETag: etag,
    'Cache-Control': IMMUTABLE_CACHE_CONTROL,
    'Accept-Ranges': 'bytes',
    'X-Content-Type-Options': 'nosniff',
  });
  if (matchesAny(request.headers.get('if-none-match'), etag)) {
    return new Response(null, { status: 304, headers });
  }

  // If-Range names the version the client already holds part of; otherwise send it whole.
  const ifRange = request.headers.get('if-range');
  const range = resolveRange(
    ifRange && ifRange !== etag ? null : request.headers.get('range'),
    info.size,
  );
  if (range.kind === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${info.size}`);
    return errorResponse(416, 'range_not_satisfiable', `The file is ${info.size} bytes long.`, {
      headers,
    });
  }
  headers.set('Content-Type', info.contentType);
  const stored = await storage.get(file, range.kind === 'partial' ? range.range : undefined);
  if (!stored) return errorResponse(404, 'not_found', 'No such audio file.', { field: 'file' });
  headers.set('Content-Length', String(stored.bytes.length));
  if (range.kind === 'whole') return new Response(stored.bytes, { headers });
  const { start, end } = range.range;
  headers.set('Content-Range', `bytes ${start}-${end}/${stored.size}`);
  return new Response(new Uint8Array(stored.bytes), { status: 206, headers });
}
