import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { IMMUTABLE_CACHE_CONTROL, type AudioStorage } from '@/lib/tts/audio-storage';
import { createGcsAudioStorage, GcsStorageError } from '@/lib/tts/gcs-audio-storage';
import { deadPort } from '../support/dead-port';
import { startFakeGcs, type FakeGcs } from '../support/fake-gcs';
import { audioStorageContract, freshKey, INVALID_KEYS } from './audio-storage-contract';

const BUCKET = 'tingshuo-audio';
const audio = Buffer.from('ID3 not really an mp3');

describe('Cloud Storage audio storage (the real client against a local GCS)', () => {
  let fake: FakeGcs;
  let storage: AudioStorage;
  before(async () => {
    fake = await startFakeGcs();
    storage = createGcsAudioStorage({
      bucket: BUCKET,
      apiEndpoint: fake.endpoint,
      keyPrefix: 'audio/',
      maxRetries: 1,
    });
  });
  beforeEach(() => {
    fake.behaviour = { kind: 'ok' };
    fake.requests.length = 0;
  });
  after(() => fake?.close());

  audioStorageContract(() => storage);

  it('writes each key once, in one request, as an immutable object under the prefix', async () => {
    const key = freshKey();
    await storage.put(key, audio, 'audio/mpeg');
    const stored = fake.objects.get(`${BUCKET}/audio/${key}`);
    assert.deepEqual(stored?.bytes, audio);
    assert.equal(stored?.metadata.contentType, 'audio/mpeg');
    assert.equal(stored?.metadata.cacheControl, IMMUTABLE_CACHE_CONTROL);

    await storage.put(key, audio, 'audio/mpeg');
    assert.equal(
      fake.objects.get(`${BUCKET}/audio/${key}`)?.generation,
      stored?.generation,
      'a second write of the same key changes nothing',
    );
    const uploads = fake.requests.filter((request) => request.kind === 'upload');
    assert.equal(uploads.length, 2);
    for (const upload of uploads) {
      assert.equal(upload.query.uploadType, 'multipart', 'one request, no resumable session');
      assert.equal(upload.query.ifGenerationMatch, '0', 'only if the object is not there yet');
    }
  });

  it('sends no credentials to a configured endpoint', async () => {
    const key = freshKey();
    await storage.put(key, audio, 'audio/mpeg');
    await storage.stat(key);
    await storage.get(key, { start: 0, end: 3 });
    assert.equal(fake.requests.length, 3);
    assert.deepEqual(
      fake.requests.map((request) => request.authorization),
      [undefined, undefined, undefined],
    );
  });

  it('never sends an invalid key to the bucket', async () => {
    for (const key of INVALID_KEYS) {
      await assert.rejects(storage.put(key, audio, 'audio/mpeg'));
      await assert.rejects(storage.stat(key));
      await assert.rejects(storage.get(key));
    }
    assert.deepEqual(fake.requests, []);
  });

  it('retries a transient failure and carries on', async () => {
    const key = freshKey();
    fake.behaviour = { kind: 'error', status: 503, times: 1 };
    await storage.put(key, audio, 'audio/mpeg');
    fake.behaviour = { kind: 'error', status: 503, times: 1 };
    assert.deepEqual((await storage.get(key))?.bytes, audio);
    assert.equal(fake.requests.length, 4, 'each call failed once, then succeeded');
  });

  it('reports a failing bucket as an error naming the object, never as missing audio', async () => {
    const key = freshKey();
    for (const status of [500, 403]) {
      fake.behaviour = { kind: 'error', status };
      const named = (error: unknown) =>
        error instanceof GcsStorageError &&
        error.status === status &&
        error.message.includes(`gs://${BUCKET}/audio/${key}`);
      await assert.rejects(storage.stat(key), named);
      await assert.rejects(storage.get(key), named);
      await assert.rejects(storage.put(key, audio, 'audio/mpeg'), named);
    }
    // 500 is retried once (maxRetries: 1); 403 is final.
    assert.equal(fake.requests.length, 3 * 2 + 3);
  });

  it(
    'gives up on an endpoint that never answers instead of hanging',
    { timeout: 20_000 },
    async () => {
      fake.behaviour = { kind: 'hang' };
      const impatient = createGcsAudioStorage({
        bucket: BUCKET,
        apiEndpoint: fake.endpoint,
        timeoutMs: 200,
        maxRetries: 0,
      });
      const key = freshKey();
      for (const call of [
        () => impatient.put(key, audio, 'audio/mpeg'),
        () => impatient.stat(key),
        () => impatient.get(key),
      ]) {
        await assert.rejects(call(), (error: unknown) => error instanceof GcsStorageError);
      }
    },
  );

  it('says so when nothing listens at the endpoint', async () => {
    const nowhere = createGcsAudioStorage({
      bucket: BUCKET,
      apiEndpoint: `http://127.0.0.1:${await deadPort()}`,
      maxRetries: 0,
    });
    const key = freshKey();
    await assert.rejects(nowhere.put(key, audio, 'audio/mpeg'), /ECONNREFUSED/);
    await assert.rejects(nowhere.stat(key), /ECONNREFUSED/);
  });
});
