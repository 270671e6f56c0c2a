import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '@/lib/config';
import { speechProviderFromConfig } from '@/lib/tts/provider-from-config';
import { configIssuesOf } from '../support/config-issues';

test('no configuration at all is a working configuration', () => {
  const settings = parseConfig({});
  assert.equal(settings.DATABASE_URL, undefined, 'no URL means the embedded database');
  assert.equal(settings.REDIS_URL, 'redis://127.0.0.1:6379');
  assert.equal(settings.NODE_ENV, 'development');
});

test('a bad value names the variable and what it expected', () => {
  assert.deepEqual(configIssuesOf({ DATABASE_URL: 'not-a-url' }), [
    'DATABASE_URL: expected a postgresql:// URL',
  ]);
  assert.match(configIssuesOf({ CACHE_PREFIX: 'Has Spaces' }).join(), /^CACHE_PREFIX: expected/);
  assert.match(configIssuesOf({ CACHE_L1_MAX_ENTRIES: '-5' }).join(), /^CACHE_L1_MAX_ENTRIES:/);
});

test('a Redis topology without its nodes is refused at start-up', () => {
  assert.match(configIssuesOf({ REDIS_MODE: 'cluster' }).join(), /^REDIS_CLUSTER_NODES: required/);
  assert.match(configIssuesOf({ REDIS_MODE: 'sentinel' }).join(), /^REDIS_SENTINELS: required/);
  assert.deepEqual(
    parseConfig({ REDIS_MODE: 'cluster', REDIS_CLUSTER_NODES: '127.0.0.1:7000,127.0.0.1:7001' })
      .REDIS_CLUSTER_NODES,
    [
      { host: '127.0.0.1', port: 7000 },
      { host: '127.0.0.1', port: 7001 },
    ],
  );
});

test('TTS_PROVIDER, when set, wins over Google settings left in the environment', () => {
  const settings = parseConfig({ TTS_PROVIDER: 'espeak', GOOGLE_TTS_ENDPOINT: '127.0.0.1:1' });
  assert.equal(speechProviderFromConfig(settings).name, 'espeak');
});
