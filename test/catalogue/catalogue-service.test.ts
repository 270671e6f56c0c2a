import assert from 'node:assert/strict';
import { log } from '@/lib/log/logger';
import { after, before, test } from 'node:test';
import { createAppCache } from '@/lib/app-cache';
import { publishCatalogueChange } from '@/lib/catalogue/publish';
import { createCatalogueService } from '@/lib/catalogue/service';
import { parseConfig } from '@/lib/config';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { redisForTest, SHARED_REDIS_URL } from '../support/redis';
import { deadPort } from '../support/dead-port';

let database: TestDatabase;
let redis: Awaited<ReturnType<typeof redisForTest>>;

before(async () => {
  database = await createTestDatabase({ seed: true });
  redis = await redisForTest('catalogue');
});

after(async () => {
  await database.drop();
  await redis.cleanup();
});

const settingsFor = (prefix: string, url = SHARED_REDIS_URL) =>
  parseConfig({ CACHE_PREFIX: prefix, REDIS_URL: url });

test('the catalogue is read once, then served from the cache', async () => {
  const cache = createAppCache(settingsFor(redis.prefix));
  try {
    const service = createCatalogueService({ cache, db: database.prisma });
    const first = await service.catalogue();
    const second = await service.catalogue();
    assert.equal(first.cache, 'miss');
    assert.equal(second.cache, 'hit');
    assert.deepEqual(
      first.value.levels.map((level) => level.hskLevel),
      [1, 2],
    );
    const words = first.value.levels.flatMap((l) => l.lessons).reduce((n, l) => n + l.wordCount, 0);
    assert.ok(words >= 290, `expected the HSK 1-2 word list, got ${words} words`);
  } finally {
    await cache.close();
  }
});

test('publishing a content change makes every instance read the new lesson', async () => {
  const settings = settingsFor(`${redis.prefix}-pub`);
  const cache = createAppCache(settings);
  try {
    const service = createCatalogueService({ cache, db: database.prisma });
    const { value: before } = await service.lesson('hsk1-01-hello');
    assert.ok(before);
    await database.prisma.lesson.update({
      where: { slug: 'hsk1-01-hello' },
      data: { title: 'Greetings, revised' },
    });
    assert.equal((await service.lesson('hsk1-01-hello')).value?.title, before.title);

    assert.equal(await publishCatalogueChange(settings), true);
    // The other instance hears of the new version over the bus; poll briefly rather than sleep.
    let seen: string | undefined;
    for (let attempt = 0; attempt < 50 && seen !== 'Greetings, revised'; attempt += 1) {
      seen = (await service.lesson('hsk1-01-hello')).value?.title;
      if (seen !== 'Greetings, revised') await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(seen, 'Greetings, revised');
  } finally {
    await cache.close();
  }
});

test('an unknown or malformed slug is "no lesson", never an error or a cache key', async () => {
  const cache = createAppCache(settingsFor(`${redis.prefix}-slug`));
  try {
    const service = createCatalogueService({ cache, db: database.prisma });
    assert.equal((await service.lesson('no-such-lesson')).value, null);
    assert.equal((await service.lesson('no-such-lesson')).cache, 'hit');
    assert.equal((await service.lesson('../*')).value, null);
    const keys = await redis.client.keys(`${redis.prefix}-slug:*lesson*`);
    assert.ok(keys.every((key) => !key.includes('*')));
  } finally {
    await cache.close();
  }
});

test('a content change published while Redis is down is reported, not thrown', async () => {
  const settings = settingsFor(`${redis.prefix}-down`, `redis://127.0.0.1:${await deadPort()}`);
  const warnings: string[] = [];
  const warn = log.warn;
  log.warn = ((_fields: object, message: string) => {
    warnings.push(message);
  }) as unknown as typeof log.warn;
  try {
    assert.equal(await publishCatalogueChange(settings), false);
  } finally {
    log.warn = warn;
  }
  assert.match(warnings.join('\n'), /could not invalidate the cached catalogue/);
});
