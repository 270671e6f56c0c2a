import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as errors from '@/lib/cache/errors';

test('errors thrown by another copy of lib/cache are still recognised by instanceof', async () => {
  // What a bundler does when it loads lib/cache twice (Next: instrumentation.ts and the routes).
  const file = path.resolve(import.meta.dirname, '../../lib/cache/errors.ts');
  const copy = (await import(`${pathToFileURL(file).href}?second-copy`)) as typeof errors;
  assert.notEqual(copy.CacheLoaderError, errors.CacheLoaderError, 'a second module instance');

  const timeout = new copy.CacheLoaderTimeoutError('tts', 'k', 100);
  assert.ok(timeout instanceof errors.CacheLoaderTimeoutError);
  assert.ok(timeout instanceof errors.CacheLoaderError, 'a timeout is a loader error');
  assert.ok(timeout instanceof Error);

  const failed = new copy.CacheLoaderError('ai', 'k', { cause: new Error('upstream') });
  assert.ok(failed instanceof errors.CacheLoaderError);
  assert.ok(
    !(failed instanceof errors.CacheLoaderTimeoutError),
    'not every loader error timed out',
  );
  assert.ok(new copy.CacheUnavailableError('delete') instanceof errors.CacheUnavailableError);
  assert.ok(!(new copy.CacheUnavailableError('delete') instanceof errors.CacheKeyError));
});
