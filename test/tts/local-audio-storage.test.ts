import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { audioKey, InvalidAudioKeyError, type AudioKey } from '@/lib/tts/audio-storage';
import { resolveRange } from '@/lib/tts/byte-range';
import { createLocalAudioStorage } from '@/lib/tts/local-audio-storage';

const digest = 'ab'.repeat(32);

describe('local audio storage', () => {
  let directory: string;
  before(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'tts-storage-'));
  });
  after(() => rm(directory, { recursive: true, force: true }));

  it('stores audio under its key and reads it back whole or by byte range', async () => {
    const storage = createLocalAudioStorage(path.join(directory, 'audio'));
    const key = audioKey(digest, 'wav');
    const bytes = Buffer.from('RIFF....WAVEfmt 0123456789');
    await storage.put(key, bytes, 'audio/wav');

    assert.deepEqual(await storage.stat(key), { size: bytes.length, contentType: 'audio/wav' });
    assert.deepEqual((await storage.get(key))?.bytes, bytes);
    const slice = await storage.get(key, { start: 4, end: 11 });
    assert.equal(slice?.bytes.toString('ascii'), '....WAVE');
    assert.equal(slice?.size, bytes.length, 'the total size comes with a partial read');
    assert.deepEqual(
      await readdir(path.join(directory, 'audio')),
      [key],
      'no temporary files left',
    );
  });

  it('answers undefined for audio that was never stored', async () => {
    const storage = createLocalAudioStorage(path.join(directory, 'audio'));
    const missing = audioKey('cd'.repeat(32), 'mp3');
    assert.equal(await storage.stat(missing), undefined);
    assert.equal(await storage.get(missing), undefined);
  });

  it('refuses any key that is not a digest plus an audio extension, so no path escapes', async () => {
    const storage = createLocalAudioStorage(directory);
    for (const key of [
      '../etc/passwd',
      `${digest}.wav/../../x`,
      `../${digest}.wav`,
      `${digest}.exe`,
      `${digest.toUpperCase()}.wav`,
      '',
    ]) {
      await assert.rejects(storage.stat(key as AudioKey), InvalidAudioKeyError);
      await assert.rejects(
        storage.put(key as AudioKey, Buffer.from('x'), 'audio/wav'),
        InvalidAudioKeyError,
      );
    }
  });

  it('refuses bytes whose content type does not match the file extension', async () => {
    const storage = createLocalAudioStorage(directory);
    await assert.rejects(storage.put(audioKey(digest, 'mp3'), Buffer.from('x'), 'audio/wav'));
  });
});

describe('HTTP Range resolution', () => {
  const size = 100;
  it('serves the asked bytes for a single range, clipped to the file', () => {
    assert.deepEqual(resolveRange('bytes=0-9', size), {
      kind: 'partial',
      range: { start: 0, end: 9 },
    });
    assert.deepEqual(resolveRange('bytes=90-', size), {
      kind: 'partial',
      range: { start: 90, end: 99 },
    });
    assert.deepEqual(resolveRange('bytes=-10', size), {
      kind: 'partial',
      range: { start: 90, end: 99 },
    });
    assert.deepEqual(resolveRange('bytes=95-500', size), {
      kind: 'partial',
      range: { start: 95, end: 99 },
    });
    assert.deepEqual(resolveRange('bytes=-500', size), {
      kind: 'partial',
      range: { start: 0, end: 99 },
    });
  });
  it('says unsatisfiable for a range starting past the end', () => {
    assert.deepEqual(resolveRange('bytes=100-', size), { kind: 'unsatisfiable' });
    assert.deepEqual(resolveRange('bytes=-0', size), { kind: 'unsatisfiable' });
  });
  it('serves the whole file for no, several or unreadable ranges', () => {
    for (const header of [
      null,
      'bytes=0-1,5-6',
      'items=0-1',
      'bytes=9-3',
      'bytes=-',
      'bytes=a-b',
    ]) {
      assert.deepEqual(resolveRange(header, size), { kind: 'whole' }, String(header));
    }
  });
});
