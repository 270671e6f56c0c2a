import { addAbortSignal } from 'node:stream';
import { Storage, type File } from '@google-cloud/storage';
import { z } from 'zod';
import { within } from '@/lib/async/deadline';
import {
  assertAudioKey,
  contentTypeOfKey,
  IMMUTABLE_CACHE_CONTROL,
  type AudioKey,
  type AudioStorage,
  type ByteRange,
} from './audio-storage';

const DEFAULT_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_RETRIES = 2;
// Between two attempts. The client's upload retry never waits less than 1 s, and capping its
// backoff there keeps a failing call's worst case short enough for a listener to wait it out.
const RETRY_DELAY_MS = 1_000;

export interface GcsAudioStorageOptions {
  bucket: string;
  /**
   * `http(s)://host:port` of an emulator or local server, reached without credentials (the
   * client authenticates a custom endpoint only when told to). Absent: Google's own endpoint,
   * authenticated by Application Default Credentials.
   */
  apiEndpoint?: string;
  /** Prepended to every key: `''` (the bucket's root) or a folder ending in `/`. */
  keyPrefix?: string;
  /** One HTTP attempt's limit. */
  timeoutMs?: number;
  /** Retries of a transient failure (429, 5xx, a dropped connection); 0 for none. */
  maxRetries?: number;
}

// GCS sends int64 fields such as `size` as decimal strings.
const objectMetadata = z.object({ size: z.coerce.number().int().nonnegative() });

const CONTENT_RANGE_TOTAL = /^bytes \d+-\d+\/(?<total>\d+)$/;

const googleErrorBody = z.object({ error: z.object({ message: z.string() }) });

/** A failed call to Cloud Storage, naming the object; `status` is the HTTP status, if any. */
export class GcsStorageError extends Error {
  override readonly name = 'GcsStorageError';
  readonly status: number | undefined;
  constructor(operation: string, where: string, cause: unknown) {
    const code = (cause as { code?: unknown } | undefined)?.code;
    const status = typeof code === 'number' ? code : undefined;
    let detail = cause instanceof Error ? cause.message : String(cause);
    // A failed download carries Google's raw JSON error body as its message.
    const body = googleErrorBody.safeParse(safeJson(detail));
    if (body.success) detail = body.data.error.message;
    super(
      `Cloud Storage ${operation} of ${where} failed: ${status ? `HTTP ${status}: ` : ''}${detail}`,
      { cause },
    );
    this.status = status;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const hasStatus = (error: unknown, status: number) =>
  error instanceof GcsStorageError && error.status === status;

interface ResponseHead {
  statusCode?: number;
  headers?: Record<string, string>;
}

/** The object's bytes (or the range of them) and its full size. */
async function download(file: File, range: ByteRange | undefined, signal: AbortSignal) {
  const stream = file.createReadStream(range ? { start: range.start, end: range.end } : {});
  let head: ResponseHead = {};
  stream.once('response', (response: ResponseHead) => (head = response));
  addAbortSignal(signal, stream);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  if (head.statusCode !== 206) {
    // The whole object, also when a server ignores the Range header (HTTP allows that).
    return {
      bytes: range ? bytes.subarray(range.start, range.end + 1) : bytes,
      size: bytes.length,
    };
  }
  const total = CONTENT_RANGE_TOTAL.exec(head.headers?.['content-range'] ?? '')?.groups?.total;
  if (total === undefined) throw new Error('a partial answer without Content-Range');
  return { bytes, size: Number(total) };
}

/**
 * Audio as objects in a Google Cloud Storage bucket, through Google's own client. Keys are
 * content-addressed, so a write is conditional on the object not existing yet: a second writer
 * of the same key (another instance, a retry whose first attempt landed) gets 412 and is done.
 */
export function createGcsAudioStorage(options: GcsAudioStorageOptions): AudioStorage {
  const {
    bucket: bucketName,
    apiEndpoint,
    keyPrefix = '',
    timeoutMs = DEFAULT_TIMEOUT_MS,
    maxRetries = DEFAULT_MAX_RETRIES,
  } = options;
  // The longest an operation can take when every attempt times out and every retry waits its
  // longest. Past it the caller gets an error, whatever the client is still doing.
  const deadlineMs = (maxRetries + 1) * timeoutMs + maxRetries * RETRY_DELAY_MS;
  const bucket = new Storage({
    ...(apiEndpoint && { apiEndpoint }),
    timeout: timeoutMs,
    retryOptions: {
      // The client reads `maxRetries: 0` as "the default (3)"; `autoRetry: false` means none.
      autoRetry: maxRetries > 0,
      maxRetries,
      maxRetryDelay: RETRY_DELAY_MS / 1000,
      // When this runs out between attempts, the client's retry-request 7 stops without ever
      // answering: our deadline must end the wait first, so this one sits well past it.
      totalTimeout: (2 * deadlineMs) / 1000,
    },
  }).bucket(bucketName);

  function objectName(key: AudioKey): string {
    return `${keyPrefix}${assertAudioKey(key)}`;
  }

  /** Runs one operation under the deadline, and names the object in any error it ends with. */
  async function request<T>(
    operation: string,
    name: string,
    run: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    try {
      // An upload cannot be cancelled: past the deadline it is left to end at its own timeout.
      return await within(deadlineMs, 'Cloud Storage', run);
    } catch (error) {
      throw new GcsStorageError(operation, `gs://${bucketName}/${name}`, error);
    }
  }

  return {
    async put(key, bytes, contentType) {
      const name = objectName(key);
      if (contentType !== contentTypeOfKey(key)) {
        throw new Error(`${key} must hold ${contentTypeOfKey(key)}, not ${contentType}`);
      }
      try {
        await request('upload', name, () =>
          bucket.file(name).save(bytes, {
            // One multipart request: audio is small, and a resumable session costs a round trip.
            resumable: false,
            contentType,
            metadata: { cacheControl: IMMUTABLE_CACHE_CONTROL },
            // Also what lets the client retry an upload: it is idempotent only with a precondition.
            preconditionOpts: { ifGenerationMatch: 0 },
          }),
        );
      } catch (error) {
        // Already there: same key, same sound.
        if (!hasStatus(error, 412)) throw error;
      }
    },

    async stat(key) {
      const name = objectName(key);
      try {
        const { size } = await request('stat', name, async () =>
          objectMetadata.parse((await bucket.file(name).getMetadata())[0]),
        );
        return { size, contentType: contentTypeOfKey(key) };
      } catch (error) {
        if (hasStatus(error, 404)) return undefined;
        throw error;
      }
    },

    async get(key, range) {
      const name = objectName(key);
      try {
        const { bytes, size } = await request('download', name, (signal) =>
          download(bucket.file(name), range, signal),
        );
        return { bytes, size, contentType: contentTypeOfKey(key) };
      } catch (error) {
        if (hasStatus(error, 404)) return undefined;
        throw error;
      }
    },
  };
}
