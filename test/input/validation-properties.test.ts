import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { z } from 'zod';
import { adminRequestSchemas } from '@/lib/admin/requests';
import { KNOWN_TAG_SHAPES } from '@/lib/admin/tag-shapes';
import { chatRequestSchema } from '@/lib/ai/chat-request';
import { replyCacheKey } from '@/lib/ai/reply-cache-key';
import { APP_NAMESPACES } from '@/lib/app-cache';
import { CacheKeyError } from '@/lib/cache/errors';
import { assertIdentifier, keyLayout } from '@/lib/cache/keys';
import { readJson } from '@/lib/http/read-json';
import { reviewRequestSchema } from '@/lib/progress/review-request';
import { createEspeakProvider } from '@/lib/tts/espeak-provider';
import { normaliseSpeechText, speechCacheKey } from '@/lib/tts/speech-key';
import { speechRequestSchema } from '@/lib/tts/speech-request';

// Properties over arbitrary input: the validation schemas and the cache key builder never fail
// with anything but their own typed errors, nothing they accept can act as a Redis pattern or
// split a log line, and accepted text comes out as it went in (normalised, never mangled).

const RUNS = { numRuns: 300 };
/** What must never appear in a Redis key: globs, whitespace, control characters, hashtag braces. */
const UNSAFE_IN_KEY = /[\s\p{Cc}*?[\]{}]/u;

const speech = speechRequestSchema(createEspeakProvider());
const admin = adminRequestSchemas(Object.keys(APP_NAMESPACES), KNOWN_TAG_SHAPES);

/** Strings heavy in the characters that cause trouble, mixed with ordinary text. */
const hostileString = fc.string({
  unit: fc.oneof(
    fc.constantFrom('*', '?', '[', ']', '{', '}', ':', ' ', '\t', '\n', '\u0000', '\u0007'),
    fc.constantFrom('\ud800', '\udfff', '\u202e', '\u0301', '好', '👋', '\\', '/', '..', '%2f'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

const anyInput = fc.oneof(
  fc.anything(),
  fc.jsonValue(),
  fc.record(
    {
      text: fc.oneof(hostileString, fc.anything()),
      message: fc.oneof(hostileString, fc.anything()),
      voice: fc.oneof(hostileString, fc.constant('cmn')),
      speed: fc.oneof(fc.double(), fc.anything()),
      scope: fc.constantFrom('namespace', 'tag', 'key', 'pattern', '*'),
      namespace: fc.oneof(fc.constantFrom('tts', 'ai', 'progress', 'config'), hostileString),
      key: hostileString,
      tag: fc.oneof(hostileString, fc.constantFrom('lesson:1', 'learner:*', 'catalogue')),
      conversationId: fc.oneof(fc.uuid(), hostileString),
      lessonId: fc.oneof(fc.integer(), hostileString),
      phraseId: fc.oneof(fc.integer(), fc.constantFrom(2 ** 31 - 1, 2 ** 31, 2 ** 53), fc.double()),
      rating: fc.oneof(fc.integer({ min: -1, max: 5 }), fc.anything()),
    },
    { requiredKeys: [] },
  ),
);

const SCHEMAS: [string, z.ZodType][] = [
  ['tts', speech],
  ['chat', chatRequestSchema],
  ['review', reviewRequestSchema],
  ['admin invalidation', admin.invalidation],
  ['admin key lookup', admin.keyLookup],
  ['admin audit query', admin.auditQuery],
];

function jsonRequest(body: string): Request {
  return new Request('http://localhost/api/x', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
}

describe('validation schemas over arbitrary input', () => {
  for (const [name, schema] of SCHEMAS) {
    it(`${name}: safeParse never throws, whatever it is given`, () => {
      fc.assert(
        fc.property(anyInput, (input) => {
          schema.safeParse(input);
        }),
        RUNS,
      );
    });

    it(`${name}: readJson answers ok or a 4xx JSON error naming a field, never throws`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.jsonValue(), anyInput), async (input) => {
          let body: string;
          try {
            body = JSON.stringify(input) ?? 'undefined';
          } catch {
            body = String(input);
          }
          const result = await readJson(jsonRequest(body), schema);
          if (result.ok) return;
          assert.ok([400, 413].includes(result.response.status));
          const { error } = (await result.response.json()) as {
            error: { code: string; field?: string };
          };
          assert.ok(error.code && error.field, 'a code and the field at fault');
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe('what the schemas accept', () => {
  it('tts: accepted text is the input normalised (NFC, trimmed, single spaces), idempotently', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 60 }), async (text) => {
        const result = await readJson(jsonRequest(JSON.stringify({ text })), speech);
        if (!result.ok) return;
        assert.equal(result.data.text, normaliseSpeechText(text));
        assert.equal(normaliseSpeechText(result.data.text), result.data.text);
        assert.ok(result.data.text.length > 0);
      }),
      RUNS,
    );
  });

  it('chat: accepted message is the input trimmed, round-tripped through JSON unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 80 }), async (message) => {
        const result = await readJson(jsonRequest(JSON.stringify({ message })), chatRequestSchema);
        if (!result.ok) return;
        assert.equal(result.data.message, message.trim());
      }),
      RUNS,
    );
  });

  it('admin invalidation: an accepted key or tag never contains a glob, whitespace or control', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = admin.invalidation.safeParse(input);
        if (!result.success) return;
        const { data } = result;
        assert.ok(Object.keys(APP_NAMESPACES).includes(data.namespace));
        if (data.scope === 'key') assert.doesNotMatch(data.key, UNSAFE_IN_KEY);
        if (data.scope === 'tag') assert.doesNotMatch(data.tag, UNSAFE_IN_KEY);
      }),
      RUNS,
    );
  });

  it('admin invalidation: keys built from the cache-safe alphabet are accepted as given', () => {
    const safeKey = fc.string({
      unit: fc.constantFrom(...'abcxyz0189:-_./|@好'),
      minLength: 1,
      maxLength: 64,
    });
    fc.assert(
      fc.property(safeKey, (key) => {
        const result = admin.invalidation.safeParse({ scope: 'key', namespace: 'tts', key });
        assert.ok(result.success);
        assert.equal(result.success && result.data.scope === 'key' && result.data.key, key);
      }),
      RUNS,
    );
  });
});

describe('the cache key builder', () => {
  it('assertIdentifier throws only CacheKeyError, and what it accepts is safe in a key', () => {
    fc.assert(
      fc.property(fc.oneof(hostileString, fc.string({ unit: 'binary' })), (identifier) => {
        try {
          assertIdentifier(identifier);
        } catch (error) {
          assert.ok(error instanceof CacheKeyError, `unexpected ${String(error)}`);
          return;
        }
        assert.doesNotMatch(identifier, UNSAFE_IN_KEY);
        assert.ok(identifier.length > 0 && identifier.length <= 512);
      }),
      { numRuns: 1000 },
    );
  });

  it('entry keys of accepted identifiers are safe and never collide (even with colons)', () => {
    const layout = keyLayout('prop-test');
    const identifier = fc
      .string({ unit: fc.constantFrom('a', 'b', ':', '1', '_', '-'), minLength: 1, maxLength: 8 })
      .filter((id) => {
        try {
          assertIdentifier(id);
          return true;
        } catch {
          return false;
        }
      });
    // Versions in keys are generation-qualified: `${epoch}.${counter}`.
    const version = fc.tuple(fc.constantFrom('e1', 'e2'), fc.nat(20)).map(([e, n]) => `${e}.${n}`);
    const part = fc.tuple(fc.constantFrom('tts', 'ai', 'progress'), version, identifier);
    fc.assert(
      fc.property(part, part, ([ns1, v1, id1], [ns2, v2, id2]) => {
        const first = layout.entry(ns1, v1, id1);
        assert.doesNotMatch(first, UNSAFE_IN_KEY);
        const same = ns1 === ns2 && v1 === v2 && id1 === id2;
        assert.equal(first === layout.entry(ns2, v2, id2), same);
        // Meta keys start with `_`, which no namespace can: never mistaken for an entry.
        assert.notEqual(first, layout.lease(ns2, v2, id2));
      }),
      { numRuns: 1000 },
    );
  });

  it('speech and reply keys are 64 hex digits whatever the text, and valid identifiers', () => {
    fc.assert(
      fc.property(
        hostileString,
        fc.string({ unit: 'binary' }),
        fc.double({ noNaN: true }),
        (voice, text, speed) => {
          const speechKey = speechCacheKey({
            provider: 'espeak',
            voice,
            speed,
            format: 'wav',
            text,
          });
          const replyKey = replyCacheKey({
            provider: 'offline',
            model: voice,
            lessonId: null,
            recentHistory: [{ role: 'user', content: text }],
          });
          for (const key of [speechKey, replyKey]) {
            assert.match(key, /^[0-9a-f]{64}$/);
            assertIdentifier(key);
          }
        },
      ),
      RUNS,
    );
  });
});
