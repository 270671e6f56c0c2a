import { z } from 'zod';
import { assertIdentifier, CacheKeyError } from '@/lib/cache';
import { describeTagShapes, type TagShapes } from './tag-shapes';

/** A key exactly as the cache would accept it: the cache's own rules, checked before any call. */
const cacheKey = z
  .string()
  .min(1)
  .superRefine((key, context) => {
    try {
      assertIdentifier(key, 'key');
    } catch (error) {
      if (!(error instanceof CacheKeyError)) throw error;
      context.addIssue({ code: 'custom', message: error.reason });
    }
  });

/**
 * The admin APIs' inputs, built from the cache's namespace list and the known tag shapes: an
 * unknown namespace, an unknown tag shape or a malformed key is a 400 naming the field, so nothing
 * resembling a pattern ever reaches Redis.
 */
export function adminRequestSchemas(namespaces: readonly string[], tagShapes: TagShapes) {
  const namespace = z.enum(namespaces as [string, ...string[]], {
    error: `expected one of ${namespaces.join(', ')}`,
  });

  const invalidation = z.discriminatedUnion('scope', [
    z.object({ scope: z.literal('namespace'), namespace }).strict(),
    z
      .object({ scope: z.literal('tag'), namespace, tag: z.string().min(1).max(200) })
      .strict()
      .superRefine(({ namespace: name, tag }, context) => {
        const shapes = tagShapes[name] ?? [];
        if (!shapes.some((shape) => shape.test(tag))) {
          const known = describeTagShapes(shapes).join(', ') || 'none';
          context.addIssue({
            code: 'custom',
            path: ['tag'],
            message: `not a known ${name} tag (known shapes: ${known})`,
          });
        }
      }),
    z
      .object({
        scope: z.literal('key'),
        namespace,
        key: cacheKey,
        /** delete: gone now; expire: kept as stale for the grace period, then gone. */
        mode: z.enum(['delete', 'expire']).default('delete'),
      })
      .strict(),
  ]);

  const keyLookup = z.object({ namespace, key: cacheKey });

  const auditQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

  return { invalidation, keyLookup, auditQuery };
}

export type AdminRequestSchemas = ReturnType<typeof adminRequestSchemas>;
export type InvalidationRequest = z.infer<AdminRequestSchemas['invalidation']>;
