import type { Cache, CacheStatus } from '@/lib/cache';
import type { PrismaClient } from '@/lib/db/generated/client';
import { queryCatalogue, queryLesson } from './queries';
import { catalogueSchema, lessonDetailSchema, type Catalogue, type LessonDetail } from './schemas';

/**
 * The lesson catalogue, read through the `config` namespace (a week's TTL): it changes only when
 * content is seeded, and seeding invalidates the whole namespace.
 */
export interface CatalogueService {
  catalogue(): Promise<{ value: Catalogue; cache: CacheStatus }>;
  lesson(slug: string): Promise<{ value: LessonDetail | null; cache: CacheStatus }>;
}

const SLUG = /^[a-z0-9-]{1,64}$/;

export function createCatalogueService(deps: {
  cache: Pick<Cache<'config'>, 'getOrSet'>;
  db: PrismaClient;
}): CatalogueService {
  const { cache, db } = deps;
  return {
    async catalogue() {
      const result = await cache.getOrSet({
        namespace: 'config',
        key: 'catalogue',
        schema: catalogueSchema,
        loader: () => queryCatalogue(db),
      });
      return { value: result.value, cache: result.status };
    },

    async lesson(slug) {
      // Slugs come from URLs: refuse anything that is not one before it can reach a cache key.
      if (!SLUG.test(slug)) return { value: null, cache: 'miss' };
      const result = await cache.getOrSet({
        namespace: 'config',
        key: `lesson:${slug}`,
        schema: lessonDetailSchema.nullable(),
        loader: async ({ markNegative }) => {
          const lesson = await queryLesson(db, slug);
          if (!lesson) markNegative();
          return lesson;
        },
      });
      return { value: result.value, cache: result.status };
    },
  };
}
