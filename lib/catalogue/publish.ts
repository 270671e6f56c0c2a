import { createAppCache } from '@/lib/app-cache';
import { log } from '@/lib/log/logger';
import type { AppConfig } from '@/lib/config';
import { CATALOGUE_RENDER_TAG, RENDER_NAMESPACE } from './render-tags';

/**
 * Content changed in the database: drop every cached catalogue entry on every instance (one
 * INCR of the `config` namespace version), then every rendered page part tagged with the
 * catalogue (one INCR of its tag: the data first, so a re-render reads the new lessons). A failure
 * is reported, not hidden: a skipped invalidation would leave the old catalogue cached for up to
 * a week.
 */
export async function publishCatalogueChange(settings: AppConfig): Promise<boolean> {
  const cache = createAppCache(settings);
  try {
    await cache.invalidateNamespace('config');
    await cache.invalidateTag(RENDER_NAMESPACE, CATALOGUE_RENDER_TAG);
    return true;
  } catch (error) {
    log.warn(
      { err: error },
      'cache: could not invalidate the cached catalogue; pages may show the old lessons until ' +
        'the config namespace is invalidated from /admin',
    );
    return false;
  } finally {
    await cache.close();
  }
}
