import { createAppCache } from '@/lib/app-cache';
import type { AppConfig } from '@/lib/config';

/**
 * Content changed in the database: drop every cached catalogue entry on every instance (one
 * INCR of the `config` namespace version). A failure is reported, not hidden: a skipped
 * invalidation would leave the old catalogue cached for up to a week.
 */
export async function publishCatalogueChange(settings: AppConfig): Promise<boolean> {
  const cache = createAppCache(settings);
  try {
    await cache.invalidateNamespace('config');
    return true;
  } catch (error) {
    console.warn(
      `Cache: could not invalidate the cached catalogue (${(error as Error).message}); ` +
        'pages may show the old lessons until the config namespace is invalidated from /admin.',
    );
    return false;
  } finally {
    await cache.close();
  }
}
