import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { it } from 'node:test';
import { AUDIO_FORMATS, type AudioFormat } from '@/lib/tts/audio-format';
import {
  audioKey,
  InvalidAudioKeyError,
  type AudioKey,
  type AudioStorage,
} from '@/lib/tts/audio-storage';
import { handleAudioGet } from '@/lib/tts/http/audio-handlers';

/** A key nothing has written yet, in this run or an earlier one. */
export function freshKey(format: AudioFormat = 'mp3'): AudioKey {
  return audioKey(randomBytes(32).toString('hex'), format);
}

/** Binary audio-like bytes: a format's magic number, then noise (every byte value occurs). */
function someAudio(length = 4096): Buffer {
  return Buffer.concat([Buffer.from('ID3'), randomBytes(length - 3)]);
}

const digest = 'ab'.repeat(32);

/** Names that are not `<64 hex>.<ext>`; several would reach outside a folder or prefix. */
export const INVALID_KEYS = [
  '../etc/passwd',
  `${digest}.wav/../../x`,
  `../${digest}.wav`,
  `${digest}.exe`,
  `${digest.toUpperCase()}.wav`,
  '',
] as AudioKey[];

/**
 * What every `AudioStorage` promises, registered into the caller's `describe` so that each
 * implementation is held to the same behaviour. `storage` is read when a case runs, so the caller
 * may create it in `before`.
 */
export function audioStorageContract(storage: () => AudioStorage): void {
  it('stores audio under its key and reads it back whole, with its size and type', async () => {
    for (const format of Object.keys(AUDIO_FORMATS) as AudioFormat[]) {
      const key = freshKey(format);
      const { contentType } = AUDIO_FORMATS[format];
      const bytes = someAudio();
      await storage().put(key, bytes, contentType);

      assert.deepEqual(await storage().stat(key), { size: bytes.length, contentType });
      assert.deepEqual(await storage().get(key), { bytes, size: bytes.length, contentType });
    }
  });

  it('reads a byte range, with the size of the whole file', async () => {
    const key = freshKey();
    const bytes = someAudio();
    await storage().put(key, bytes, 'audio/mpeg');
    for (const [start, end] of [
      [0, 0],
      [4, 11],
      [1000, bytes.length - 1],
    ] as const) {
      const slice = await storage().get(key, { start, end });
      assert.deepEqual(slice?.bytes, bytes.subarray(start, end + 1), `bytes ${start}-${end}`);
      assert.equal(slice?.size, bytes.length, 'the total size comes with a partial read');
      assert.equal(slice?.contentType, 'audio/mpeg');
    }
  });

  it('answers undefined for audio that was never stored', async () => {
    const missing = freshKey('ogg');
    assert.equal(await storage().stat(missing), undefined);
    assert.equal(await storage().get(missing), undefined);
    assert.equal(await storage().get(missing, { start: 0, end: 9 }), undefined);
  });

  it('takes the same key again, or twice at once, and keeps the sound whole', async () => {
    const key = freshKey('wav');
    const bytes = someAudio();
    await Promise.all([
      storage().put(key, bytes, 'audio/wav'),
      storage().put(key, bytes, 'audio/wav'),
      storage().put(key, bytes, 'audio/wav'),
    ]);
    await storage().put(key, bytes, 'audio/wav');
    assert.deepEqual((await storage().get(key))?.bytes, bytes);
  });

  it('refuses any key that is not a digest plus an audio extension', async () => {
    for (const key of INVALID_KEYS) {
      await assert.rejects(storage().stat(key), InvalidAudioKeyError, JSON.stringify(key));
      await assert.rejects(storage().get(key), InvalidAudioKeyError, JSON.stringify(key));
      await assert.rejects(
        storage().put(key, Buffer.from('x'), 'audio/wav'),
        InvalidAudioKeyError,
        JSON.stringify(key),
      );
    }
  });

  it('refuses bytes whose content type does not match the file extension', async () => {
    const key = freshKey('mp3');
    await assert.rejects(storage().put(key, Buffer.from('x'), 'audio/wav'), /audio\/mpeg/);
    assert.equal(await storage().stat(key), undefined, 'nothing was stored');
  });

  it('backs the audio route: whole, one range, 416 past the end, 404 when absent', async () => {
    const key = freshKey();
    const bytes = someAudio();
    await storage().put(key, bytes, 'audio/mpeg');
    const get = (file: string, headers: Record<string, string> = {}) =>
      handleAudioGet(
        storage(),
        new Request(`http://localhost/api/audio/${file}`, { headers }),
        file,
      );

    const whole = await get(key);
    assert.equal(whole.status, 200);
    assert.equal(whole.headers.get('content-type'), 'audio/mpeg');
    assert.deepEqual(Buffer.from(await whole.arrayBuffer()), bytes);

    const partial = await get(key, { Range: 'bytes=-100' });
    assert.equal(partial.status, 206);
    assert.equal(
      partial.headers.get('content-range'),
      `bytes ${bytes.length - 100}-${bytes.length - 1}/${bytes.length}`,
    );
    assert.deepEqual(Buffer.from(await partial.arrayBuffer()), bytes.subarray(-100));

    assert.equal((await get(key, { Range: `bytes=${bytes.length}-` })).status, 416);
    assert.equal((await get(freshKey())).status, 404);
  });
}
