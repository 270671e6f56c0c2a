import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createAppCache } from '@/lib/app-cache';
import { publishCatalogueChange } from '@/lib/catalogue/publish';
import { CATALOGUE_RENDER_TAG } from '@/lib/catalogue/render-tags';
import { parseConfig } from '@/lib/config';
import { createNextCacheHandler } from '@/lib/next-cache-handler';
import { eventually } from '../faults/fixtures';
import { redisForTest, SHARED_REDIS_URL } from '../support/redis';
import { entry, text } from './fixtures';

let redis: Awaited<ReturnType<typeof redisForTest>>;
before(async () => {
  redis = await redisForTest('nchc');
});
after(async () => {
  await redis.cleanup();
});

it('a content change (npm run db:seed) drops catalogue renders on a running instance', async () => {
  const settings = parseConfig({ CACHE_PREFIX: redis.prefix, REDIS_URL: SHARED_REDIS_URL });
  const cache = createAppCache(settings);
  try {
    await cache.ready();
    const handler = createNextCacheHandler({ cache, namespace: 'next' });
    const tags = { tags: [CATALOGUE_RENDER_TAG] };
    await handler.set('lesson-content', Promise.resolve(entry('<old lesson/>', tags)));
    await handler.set('tutor-hint', Promise.resolve(entry('<untagged/>', { tags: [] })));
    assert.equal(await text(await handler.get('lesson-content', [])), '<old lesson/>');

    // The seed script's own process publishes; this instance hears it over the bus, so the old
    // render goes within the bus's delivery time (milliseconds; 2 s allowed for a loaded CI).
    assert.equal(await publishCatalogueChange(settings), true);
    await eventually(
      async () => (await handler.get('lesson-content', [])) === undefined,
      'the old render dropped',
      2_000,
      10,
    );
    assert.equal(await text(await handler.get('tutor-hint', [])), '<untagged/>');
  } finally {
    await cache.close();
  }
});
