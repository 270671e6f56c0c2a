import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server speaking the slice of Google Cloud Storage's JSON API that the real
 * `@google-cloud/storage` client uses for small objects: multipart upload with generation
 * preconditions, object metadata, and media download with a byte range. It answers with the
 * hashes, headers and error bodies Google sends, so the client's own checks (CRC32C of every
 * upload and whole download) run as they would against the real service.
 */
export type FakeGcsBehaviour =
  | { kind: 'ok' }
  /** Google's JSON error with this status for the next `times` requests (all, if absent). */
  | { kind: 'error'; status: number; times?: number }
  /** Accepts each request and never answers. */
  | { kind: 'hang' };

export interface RecordedGcsRequest {
  method: string;
  /** `upload` for object writes, `metadata` for object reads, `media` for downloads. */
  kind: 'upload' | 'metadata' | 'media' | 'other';
  bucket?: string;
  object?: string;
  query: Record<string, string>;
  authorization?: string;
  range?: string;
  /** The JSON part of a multipart upload. */
  metadata?: Record<string, unknown>;
}

export interface FakeGcsObject {
  bytes: Buffer;
  generation: string;
  metadata: Record<string, unknown>;
}

export interface FakeGcs {
  /** `http://127.0.0.1:<port>`, the form GCS_ENDPOINT and the client's `apiEndpoint` take. */
  endpoint: string;
  behaviour: FakeGcsBehaviour;
  requests: RecordedGcsRequest[];
  /** Stored objects by `bucket/name`. */
  objects: Map<string, FakeGcsObject>;
  close(): Promise<void>;
}

// CRC32C (Castagnoli), the checksum GCS reports and the client verifies; node:zlib has only CRC-32.
const CRC32C_TABLE = Array.from({ length: 256 }, (_, index) => {
  let crc = index;
  for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? 0x82f63b78 ^ (crc >>> 1) : crc >>> 1;
  return crc >>> 0;
});

export function crc32c(bytes: Buffer): string {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC32C_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  const out = Buffer.alloc(4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
  return out.toString('base64');
}

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('base64');

export async function startFakeGcs(behaviour: FakeGcsBehaviour = { kind: 'ok' }): Promise<FakeGcs> {
  const fake: FakeGcs = {
    endpoint: '',
    behaviour,
    requests: [],
    objects: new Map(),
    close: async () => {},
  };
  let nextGeneration = 1_700_000_000_000_000;
  const server = createServer((request, response) => {
    void handle(fake, () => String((nextGeneration += 1)), request, response).catch((error) =>
      sendError(response, 500, String(error), 'backendError'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      // Hanging requests hold their sockets open: end them so no test waits on them.
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

function sendError(response: ServerResponse, status: number, message: string, reason: string) {
  if (response.headersSent) return void response.destroy();
  response.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' }).end(
    JSON.stringify({
      error: { code: status, message, errors: [{ message, domain: 'global', reason }] },
    }),
  );
}

function sendJson(response: ServerResponse, body: unknown) {
  response
    .writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' })
    .end(JSON.stringify(body));
}

const UPLOAD_PATH = /^\/upload\/storage\/v1\/b\/(?<bucket>[^/]+)\/o$/;
const OBJECT_PATH = /^\/storage\/v1\/b\/(?<bucket>[^/]+)\/o\/(?<object>[^/]+)$/;

function classify(method: string, url: URL): Omit<RecordedGcsRequest, 'query' | 'method'> {
  const upload = UPLOAD_PATH.exec(url.pathname);
  if (method === 'POST' && upload?.groups) {
    const bucket = decodeURIComponent(upload.groups.bucket!);
    return { kind: 'upload', bucket, object: url.searchParams.get('name') ?? undefined };
  }
  const object = OBJECT_PATH.exec(url.pathname);
  if (method === 'GET' && object?.groups) {
    return {
      kind: url.searchParams.get('alt') === 'media' ? 'media' : 'metadata',
      bucket: decodeURIComponent(object.groups.bucket!),
      object: decodeURIComponent(object.groups.object!),
    };
  }
  return { kind: 'other' };
}

async function handle(
  fake: FakeGcs,
  newGeneration: () => string,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const url = new URL(request.url ?? '/', 'http://fake-gcs');
  const method = request.method ?? 'GET';
  const recorded: RecordedGcsRequest = {
    method,
    ...classify(method, url),
    query: Object.fromEntries(url.searchParams),
    authorization: request.headers.authorization,
    range: request.headers.range,
  };
  fake.requests.push(recorded);

  const behaviour = fake.behaviour;
  if (behaviour.kind === 'hang') return;
  if (behaviour.kind === 'error') {
    if (behaviour.times !== undefined && --behaviour.times <= 0) fake.behaviour = { kind: 'ok' };
    sendError(response, behaviour.status, `Fake failure ${behaviour.status}`, 'backendError');
    return;
  }

  const { kind, bucket, object } = recorded;
  if (kind === 'other' || !bucket) {
    sendError(response, 400, `The fake does not serve ${method} ${url.pathname}`, 'invalid');
    return;
  }
  if (kind === 'upload') {
    if (url.searchParams.get('uploadType') !== 'multipart') {
      sendError(response, 400, 'The fake accepts multipart uploads only', 'invalid');
      return;
    }
    const parts = multipartParts(request.headers['content-type'], body);
    if (!parts || !object) {
      sendError(response, 400, 'Expected a multipart/related body and a name', 'invalid');
      return;
    }
    recorded.metadata = JSON.parse(parts.metadata.toString('utf8')) as Record<string, unknown>;
    upload(fake, response, { bucket, object, url, newGeneration, ...parts, recorded });
    return;
  }
  const stored = fake.objects.get(`${bucket}/${object}`);
  if (!stored) {
    sendError(response, 404, `No such object: ${bucket}/${object}`, 'notFound');
    return;
  }
  if (kind === 'metadata') sendJson(response, stored.metadata);
  else sendMedia(response, stored, request.headers.range);
}

function upload(
  fake: FakeGcs,
  response: ServerResponse,
  options: {
    bucket: string;
    object: string;
    url: URL;
    media: Buffer;
    recorded: RecordedGcsRequest;
    newGeneration: () => string;
  },
) {
  const { bucket, object, url, media, recorded } = options;
  const path = `${bucket}/${object}`;
  const existing = fake.objects.get(path);
  // ifGenerationMatch=0 means "only if absent"; any other number must equal the live generation.
  const wanted = url.searchParams.get('ifGenerationMatch');
  if (wanted !== null && wanted !== (existing?.generation ?? '0')) {
    sendError(
      response,
      412,
      'At least one of the pre-conditions you specified did not hold.',
      'conditionNotMet',
    );
    return;
  }
  const generation = options.newGeneration();
  const now = new Date().toISOString();
  const metadata = {
    kind: 'storage#object',
    id: `${path}/${generation}`,
    selfLink: `${fake.endpoint}/storage/v1/b/${bucket}/o/${encodeURIComponent(object)}`,
    name: object,
    bucket,
    generation,
    metageneration: '1',
    contentType: recorded.metadata?.contentType ?? 'application/octet-stream',
    ...(typeof recorded.metadata?.cacheControl === 'string' && {
      cacheControl: recorded.metadata.cacheControl,
    }),
    storageClass: 'STANDARD',
    size: String(media.length),
    md5Hash: md5(media),
    crc32c: crc32c(media),
    etag: `C${generation}=`,
    timeCreated: now,
    updated: now,
  };
  fake.objects.set(path, { bytes: media, generation, metadata });
  sendJson(response, metadata);
}

/** Only the first part of a `Range` header, as GCS does: `a-b`, `a-` or `-n`. */
function parseRange(header: string | undefined, size: number) {
  const match = /^bytes=(?<start>\d*)-(?<end>\d*)$/.exec(header ?? '');
  if (!match?.groups || (!match.groups.start && !match.groups.end)) return undefined;
  const { start, end } = match.groups;
  if (!start) return { start: Math.max(0, size - Number(end)), end: size - 1 };
  return { start: Number(start), end: end ? Math.min(Number(end), size - 1) : size - 1 };
}

function sendMedia(response: ServerResponse, stored: FakeGcsObject, rangeHeader?: string) {
  const { bytes, generation, metadata } = stored;
  const headers = {
    'Content-Type': String(metadata.contentType),
    'X-Goog-Generation': generation,
    'X-Goog-Metageneration': '1',
    'X-Goog-Stored-Content-Encoding': 'identity',
    'X-Goog-Stored-Content-Length': String(bytes.length),
    'X-Goog-Hash': `crc32c=${String(metadata.crc32c)},md5=${String(metadata.md5Hash)}`,
    ETag: String(metadata.etag),
  };
  const range = parseRange(rangeHeader, bytes.length);
  if (!range) {
    response.writeHead(200, { ...headers, 'Content-Length': bytes.length }).end(bytes);
    return;
  }
  if (range.start >= bytes.length) {
    response
      .writeHead(416, { 'Content-Range': `bytes */${bytes.length}`, 'Content-Length': 0 })
      .end();
    return;
  }
  const slice = bytes.subarray(range.start, range.end + 1);
  response
    .writeHead(206, {
      ...headers,
      'Content-Length': slice.length,
      'Content-Range': `bytes ${range.start}-${range.end}/${bytes.length}`,
    })
    .end(slice);
}

/** The two parts of a `multipart/related` upload: JSON metadata, then the object's bytes. */
function multipartParts(contentType: string | undefined, body: Buffer) {
  const boundary = /boundary=(?:"(?<quoted>[^"]+)"|(?<plain>[^;\s]+))/.exec(
    contentType ?? '',
  )?.groups;
  const marker = boundary?.quoted ?? boundary?.plain;
  if (!contentType?.startsWith('multipart/related') || !marker) return undefined;
  const delimiter = Buffer.from(`--${marker}`);
  const parts: Buffer[] = [];
  let from = body.indexOf(delimiter);
  while (from !== -1) {
    const start = from + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) return undefined;
    // Each part: CRLF, headers, blank line, content, CRLF before the next delimiter.
    const part = body.subarray(start + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd === -1) return undefined;
    parts.push(part.subarray(headerEnd + 4));
    from = next;
  }
  const [metadata, media] = parts;
  return metadata && media && parts.length === 2 ? { metadata, media } : undefined;
}
