import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AudioStorage } from '@/lib/tts/audio-storage';
import { resolveRange } from '@/lib/tts/byte-range';
import { createLocalAudioStorage } from '@/lib/tts/local-audio-storage';
import { audioStorageContract, freshKey } from './audio-storage-contract';

describe('local audio storage', () => {
  let directory: string;
  let storage: AudioStorage;
  before(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'tts-storage-'));
    storage = createLocalAudioStorage(path.join(directory, 'audio'));
  });
  after(() => rm(directory, { recursive: true, force: true }));

  audioStorageContract(() => storage);

  it('keeps one plain file per key, named by the key, with no temporary files left', async () => {
    const key = freshKey('wav');
    await storage.put(key, Buffer.from('RIFF....WAVE'), 'audio/wav');
    const files = await readdir(path.join(directory, 'audio'));
    assert.ok(files.includes(key));
    assert.deepEqual(
      files.filter((file) => !/^[0-9a-f]{64}\.(mp3|ogg|wav)$/.test(file)),
      [],
      'no temporary files left',
    );
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
