import { z } from 'zod';
import { errorResponse } from './errors';
import { findUnsafeText } from './unsafe-text';

export type ParsedBody<T> = { ok: true; data: T } | { ok: false; response: Response };

const DEFAULT_MAX_BYTES = 16 * 1024;

// `strict()` builds a new schema, and zod compiles each schema's parser on its first parse: made
// per request, that compile ran on every request (4-5% of a cached speech lookup's CPU, profiled).
const strictSchemas = new WeakMap<z.ZodType, z.ZodType>();

function strictOf(schema: z.ZodType): z.ZodType {
  if (!(schema instanceof z.ZodObject)) return schema;
  let strict = strictSchemas.get(schema);
  if (!strict) {
    strict = schema.strict();
    strictSchemas.set(schema, strict);
  }
  return strict;
}

/**
 * Reads a JSON request body and validates it. Bodies are read with a byte cap, so a huge upload
 * is refused at the cap instead of being buffered whole; every failure becomes a 4xx naming the
 * offending field. Object schemas are applied strictly: an unknown field is a 400 naming it, so
 * a typo (`"sped"`) is reported instead of silently ignored.
 */
export async function readJson<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  { maxBytes = DEFAULT_MAX_BYTES }: { maxBytes?: number } = {},
): Promise<ParsedBody<z.infer<Schema>>> {
  const bytes = await readCappedBytes(request, maxBytes);
  if (bytes === undefined) {
    return fail(413, 'body_too_large', `Request body exceeds ${maxBytes} bytes.`, 'body');
  }
  let json: unknown;
  try {
    // fatal: a body that is not UTF-8 is refused rather than silently mangled into U+FFFD.
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail(400, 'invalid_json', 'Request body is not valid UTF-8 JSON.', 'body');
  }
  const unsafe = findUnsafeText(json);
  if (unsafe) return fail(400, 'invalid_text', `${unsafe.field}: ${unsafe.reason}`, unsafe.field);
  const result = strictOf(schema).safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.map(String) ?? [];
    // An unknown field is reported by its own name, not by the object that holds it.
    if (issue?.code === 'unrecognized_keys') path.push(issue.keys[0] || '""');
    const field = path.length > 0 ? path.join('.') : 'body';
    const message = issue?.code === 'unrecognized_keys' ? 'unknown field' : issue?.message;
    return fail(400, 'invalid_field', `${field}: ${message ?? 'invalid value'}`, field);
  }
  return { ok: true, data: result.data as z.infer<Schema> };
}

function fail(status: number, code: string, message: string, field: string): ParsedBody<never> {
  return { ok: false, response: errorResponse(status, code, message, { field }) };
}

async function readCappedBytes(request: Request, maxBytes: number): Promise<Buffer | undefined> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return undefined;
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
