import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { assertAudioKey } from '@/lib/tts/audio-storage';
import { createSpeechService } from '@/lib/tts/speech-service';
import { SpeechInputError, SpeechProviderError, SpeechTimeoutError } from '@/lib/tts/speech-errors';
import type { TestDatabase } from '../support/database';
import { fakeAudioFor } from '../support/fake-google-tts';
import { speechHarnessForFile, type SpeechHarness } from './fixtures';

let database: TestDatabase;
let tts: SpeechHarness;

speechHarnessForFile((created) => ({ database, tts } = created));

const fileOf = (url: string) => assertAudioKey(url.slice('/api/audio/'.length));

describe('speech service: cache-aside over Redis, the AudioAsset row and the engine', () => {
  it('synthesises on a miss, stores file and row, then answers the same URL from the cache', async () => {
    const first = await tts.service.synthesize({ text: '我是学生', speed: 0.75 });
    assert.equal(first.cache, 'miss');
    assert.match(first.url, /^\/api\/audio\/[0-9a-f]{64}\.mp3$/);
    assert.equal(tts.fake.synthesizeCalls.length, 1);
    assert.equal(tts.fake.synthesizeCalls[0]?.speakingRate, 0.75);

    const stored = await tts.storage.get(fileOf(first.url));
    assert.deepEqual(stored?.bytes, fakeAudioFor(tts.fake.synthesizeCalls[0]!));
    assert.equal(stored?.contentType, 'audio/mpeg');
    const row = await database.prisma.audioAsset.findUniqueOrThrow({
      where: { id: first.assetId },
    });
    assert.equal(row.text, '我是学生');
    assert.equal(row.voice, tts.google.defaultVoice);
    assert.equal(row.byteSize, stored?.bytes.length);
    assert.ok(!first.url.includes(encodeURIComponent('我')), 'the URL does not carry the text');

    const second = await tts.service.synthesize({ text: '我是学生', speed: 0.75 });
    assert.deepEqual(second, { ...first, cache: 'hit' });
    assert.equal(tts.fake.synthesizeCalls.length, 1, 'the engine ran once');
  });

  it('keys by the normalised text: Unicode form and spacing do not make new audio', async () => {
    const composed = await tts.service.synthesize({ text: 'nǐ hǎo, 朋友' });
    const decomposed = await tts.service.synthesize({ text: '  ni\u030C  ha\u030Co,\u3000朋友\n' });
    assert.equal(decomposed.url, composed.url);
    assert.equal(decomposed.cache, 'hit');
    assert.equal(tts.fake.synthesizeCalls.length, 1);
    assert.equal(tts.fake.synthesizeCalls[0]?.text, 'nǐ hǎo, 朋友');
  });

  it('makes separate audio for another speed or voice', async () => {
    const normal = await tts.service.synthesize({ text: '再见' });
    const slow = await tts.service.synthesize({ text: '再见', speed: 0.75 });
    const other = await tts.service.synthesize({ text: '再见', voice: 'cmn-CN-Standard-B' });
    assert.equal(new Set([normal.url, slow.url, other.url]).size, 3);
    assert.equal(tts.fake.synthesizeCalls.length, 3);
  });

  it('reuses the database row after the cache lost the entry, without calling the engine', async () => {
    const first = await tts.service.synthesize({ text: '谢谢老师' });
    await tts.cache.invalidateNamespace('tts');
    const again = await tts.service.synthesize({ text: '谢谢老师' });
    assert.equal(again.cache, 'miss');
    assert.equal(again.url, first.url);
    assert.equal(again.assetId, first.assetId);
    assert.equal(tts.fake.synthesizeCalls.length, 1, 'the engine was not called again');
  });

  it('with stored audio reuse off (the app with its cache bypassed), runs the engine every time', async () => {
    const first = await tts.service.synthesize({ text: '请再说一遍' });
    await tts.cache.invalidateNamespace('tts');
    const uncached = createSpeechService({
      cache: tts.cache,
      db: database.prisma,
      provider: tts.google,
      storage: tts.storage,
      reuseStoredAudio: false,
    });
    const again = await uncached.synthesize({ text: '请再说一遍' });
    assert.equal(again.url, first.url, 'the same content-addressed file, written again');
    assert.equal(again.assetId, first.assetId, 'the same row, updated');
    assert.equal(tts.fake.synthesizeCalls.length, 2);
  });

  it('synthesises again when the row exists but its file was lost', async () => {
    const first = await tts.service.synthesize({ text: '图书馆' });
    await tts.cache.invalidateNamespace('tts');
    await rm(path.join(tts.directory, fileOf(first.url)));
    const again = await tts.service.synthesize({ text: '图书馆' });
    assert.equal(again.url, first.url);
    assert.equal(again.assetId, first.assetId, 'the same row, updated');
    assert.equal(tts.fake.synthesizeCalls.length, 2);
    assert.ok((await tts.storage.stat(fileOf(again.url)))?.size);
  });

  it('calls the engine once for 50 concurrent identical requests', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () => tts.service.synthesize({ text: '一起学习中文' })),
    );
    assert.equal(tts.fake.synthesizeCalls.length, 1);
    assert.equal(new Set(results.map((result) => result.url)).size, 1);
    assert.equal(await database.prisma.audioAsset.count({ where: { text: '一起学习中文' } }), 1);
  });

  it('calls the engine once when two app instances get the same request at once', async () => {
    const other = tts.serviceFor(tts.google);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 ? other : tts.service).synthesize({ text: '两个服务器' }),
      ),
    );
    assert.equal(tts.fake.synthesizeCalls.length, 1);
    assert.equal(new Set(results.map((result) => result.url)).size, 1);
  });

  it('refuses input the engine cannot take, naming the field, before any cache or engine work', async () => {
    const cases = [
      [{ text: '   ' }, 'text'],
      [{ text: '好'.repeat(1_667) }, 'text'],
      [{ text: '你好', voice: 'en-US-Wavenet-A' }, 'voice'],
      [{ text: '你好', speed: 0.2 }, 'speed'],
      [{ text: '你好', speed: 2.5 }, 'speed'],
    ] as const;
    for (const [request, field] of cases) {
      await assert.rejects(
        tts.service.synthesize(request),
        (error: unknown) => error instanceof SpeechInputError && error.field === field,
        JSON.stringify(request).slice(0, 60),
      );
    }
    assert.equal(tts.fake.synthesizeCalls.length, 0);
  });

  it('reports an engine failure as a provider error and caches nothing', async () => {
    tts.fake.behaviour = { kind: 'error', code: status.INTERNAL, message: 'boom' };
    await assert.rejects(
      tts.service.synthesize({ text: '失败了' }),
      (error: unknown) =>
        error instanceof SpeechProviderError && !(error instanceof SpeechTimeoutError),
    );
    tts.fake.behaviour = { kind: 'ok' };
    const retry = await tts.service.synthesize({ text: '失败了' });
    assert.equal(retry.cache, 'miss');
    assert.equal(tts.fake.synthesizeCalls.length, 2);
  });

  it('reports an engine that never answers as a timeout, within the cache hard timeout', async () => {
    tts.fake.behaviour = { kind: 'hang' };
    const impatient = tts.serviceFor(tts.google, tts.newCache({ hardTimeoutMs: 500 }));
    const started = Date.now();
    await assert.rejects(impatient.synthesize({ text: '等一下' }), SpeechTimeoutError);
    assert.ok(Date.now() - started < 3_000, 'does not hang');
  });
});
