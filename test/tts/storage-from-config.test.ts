import assert from 'node:assert/strict';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, parseConfig } from '@/lib/config';
import { audioStorageFromConfig } from '@/lib/tts/storage-from-config';
import { configIssuesOf } from '../support/config-issues';
import { startFakeGcs, type FakeGcs } from '../support/fake-gcs';
import { freshKey } from './audio-storage-contract';

const storageFor = (env: Record<string, string | undefined>) =>
  audioStorageFromConfig(parseConfig(env));

describe('choosing the audio storage from configuration', () => {
  let directory: string;
  let fake: FakeGcs;
  before(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'tts-storage-config-'));
    fake = await startFakeGcs();
  });
  after(async () => {
    await fake?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('keeps audio as files under DATA_DIR/audio unless AUDIO_STORAGE=gcs', async () => {
    for (const env of [
      { DATA_DIR: directory },
      { DATA_DIR: directory, GCS_BUCKET: 'tingshuo-audio', GCS_ENDPOINT: fake.endpoint },
    ]) {
      const key = freshKey();
      await storageFor(env).put(key, Buffer.from('ID3'), 'audio/mpeg');
      await access(path.join(directory, 'audio', key));
    }
    assert.equal(fake.requests.length, 0, 'a bucket setting alone moves nothing');
  });

  it('writes to the bucket, under GCS_KEY_PREFIX, when AUDIO_STORAGE=gcs', async () => {
    const env = { AUDIO_STORAGE: 'gcs', GCS_BUCKET: 'tingshuo-audio', GCS_ENDPOINT: fake.endpoint };
    const key = freshKey();
    await storageFor(env).put(key, Buffer.from('ID3'), 'audio/mpeg');
    assert.ok(fake.objects.has(`tingshuo-audio/audio/${key}`), 'the default prefix is audio/');

    const atRoot = freshKey();
    await storageFor({ ...env, GCS_KEY_PREFIX: '' }).put(atRoot, Buffer.from('ID3'), 'audio/mpeg');
    assert.ok(fake.objects.has(`tingshuo-audio/${atRoot}`), 'an empty prefix is the root');
  });

  it('refuses AUDIO_STORAGE=gcs without a bucket at start-up, naming GCS_BUCKET', () => {
    assert.deepEqual(configIssuesOf({ AUDIO_STORAGE: 'gcs' }), [
      'GCS_BUCKET: required when AUDIO_STORAGE=gcs',
    ]);
    assert.throws(
      () => audioStorageFromConfig({ ...parseConfig({}), AUDIO_STORAGE: 'gcs' }),
      ConfigError,
    );
  });

  it('names the variable when a storage setting is malformed', () => {
    for (const [variable, value] of [
      ['AUDIO_STORAGE', 's3'],
      ['GCS_BUCKET', 'My Bucket'],
      ['GCS_BUCKET', 'gs://tingshuo-audio'],
      ['GCS_ENDPOINT', '127.0.0.1:4443'],
      ['GCS_KEY_PREFIX', 'audio'],
      ['GCS_KEY_PREFIX', '../audio/'],
      ['GCS_KEY_PREFIX', '/audio/'],
    ] as const) {
      const issues = configIssuesOf({
        AUDIO_STORAGE: 'gcs',
        GCS_BUCKET: 'tingshuo-audio',
        [variable]: value,
      });
      assert.equal(issues.length, 1, `${variable}=${value}: ${issues.join('; ')}`);
      assert.match(issues[0] ?? '', new RegExp(`^${variable}: `));
    }
  });
});
