import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { createGoogleProvider } from '@/lib/tts/google-provider';
import {
  SpeechConfigError,
  SpeechProviderError,
  SpeechTimeoutError,
} from '@/lib/tts/speech-errors';
import { fakeAudioFor, startFakeGoogleTts, type FakeGoogleTts } from '../support/fake-google-tts';

describe('Google provider through the real client against a local TextToSpeech server', () => {
  let fake: FakeGoogleTts;
  let google: ReturnType<typeof createGoogleProvider>;

  before(async () => {
    fake = await startFakeGoogleTts();
    google = createGoogleProvider({ endpoint: fake.endpoint, timeoutMs: 1_000 });
  });
  after(async () => {
    await google.close();
    await fake.close();
  });
  beforeEach(() => {
    fake.behaviour = { kind: 'ok' };
    fake.synthesizeCalls.length = 0;
  });

  it('sends the text, the Mandarin voice and the speed, and returns the MP3 bytes', async () => {
    const result = await google.synthesize({
      text: '你好',
      voice: 'cmn-CN-Chirp3-HD-Kore',
      speed: 0.75,
      format: 'mp3',
    });
    assert.deepEqual(fake.synthesizeCalls, [
      {
        text: '你好',
        voiceName: 'cmn-CN-Chirp3-HD-Kore',
        languageCode: 'cmn-CN',
        audioEncoding: 'MP3',
        speakingRate: 0.75,
      },
    ]);
    assert.equal(result.contentType, 'audio/mpeg');
    assert.deepEqual(result.audio, fakeAudioFor(fake.synthesizeCalls[0]!));
  });

  it('asks for OGG Opus when configured for it', async () => {
    const ogg = createGoogleProvider({ endpoint: fake.endpoint, format: 'ogg' });
    try {
      const result = await ogg.synthesize({
        text: '谢谢',
        voice: ogg.defaultVoice,
        speed: 1,
        format: ogg.defaultFormat,
      });
      assert.equal(result.contentType, 'audio/ogg');
      assert.equal(result.audio.subarray(0, 4).toString('ascii'), 'OggS');
      assert.equal(fake.synthesizeCalls[0]?.audioEncoding, 'OGG_OPUS');
    } finally {
      await ogg.close();
    }
  });

  it('offers only cmn-CN Standard, Wavenet and Chirp3-HD voices and defaults to one of them', () => {
    const names = google.voices().map((voice) => voice.name);
    assert.ok(names.includes(google.defaultVoice));
    assert.ok(names.every((name) => /^cmn-CN-(Standard|Wavenet|Chirp3-HD)-\w+$/.test(name)));
    assert.ok(!names.some((name) => name.includes('Neural2')));
  });

  it('refuses to start with a configured voice Google does not have for Mandarin', () => {
    for (const voice of ['en-US-Wavenet-A', 'cmn-CN-Neural2-A', 'cmn-CN-Wavenet-Z']) {
      assert.throws(
        () => createGoogleProvider({ endpoint: fake.endpoint, defaultVoice: voice }),
        (error: unknown) => error instanceof SpeechConfigError && error.option === 'voice',
      );
    }
  });

  it('refuses an endpoint that is not host:port', () => {
    assert.throws(
      () => createGoogleProvider({ endpoint: 'http://127.0.0.1' }),
      (error: unknown) => error instanceof SpeechConfigError && error.option === 'endpoint',
    );
  });

  it('takes 5,000 bytes of input, and a rejection past that is a provider error', async () => {
    assert.equal(google.maxInputBytes, 5_000);
    const atLimit = '好'.repeat(1_666); // 4,998 bytes of UTF-8
    const ok = await google.synthesize({
      text: atLimit,
      voice: google.defaultVoice,
      speed: 1,
      format: 'mp3',
    });
    assert.ok(ok.audio.length > 0);
    await assert.rejects(
      google.synthesize({
        text: `${atLimit}好`,
        voice: google.defaultVoice,
        speed: 1,
        format: 'mp3',
      }),
      (error: unknown) =>
        error instanceof SpeechProviderError &&
        !(error instanceof SpeechTimeoutError) &&
        /5000 bytes/.test(error.message),
    );
  });

  it('turns a server failure into a provider error without retrying it', async () => {
    fake.behaviour = { kind: 'error', code: status.UNAVAILABLE, message: 'backend down' };
    await assert.rejects(
      google.synthesize({ text: '你好', voice: google.defaultVoice, speed: 1, format: 'mp3' }),
      (error: unknown) =>
        error instanceof SpeechProviderError &&
        !(error instanceof SpeechTimeoutError) &&
        /backend down/.test(error.message),
    );
    assert.equal(fake.synthesizeCalls.length, 1);
  });

  it('gives up on a server that never answers at its deadline, as a timeout', async () => {
    fake.behaviour = { kind: 'hang' };
    const started = Date.now();
    await assert.rejects(
      google.synthesize({ text: '你好', voice: google.defaultVoice, speed: 1, format: 'mp3' }),
      SpeechTimeoutError,
    );
    assert.ok(Date.now() - started < 3_000, 'does not hang');
  });

  it('stops waiting as soon as the caller aborts', async () => {
    fake.behaviour = { kind: 'hang' };
    const slow = createGoogleProvider({ endpoint: fake.endpoint, timeoutMs: 60_000 });
    try {
      const controller = new AbortController();
      const started = Date.now();
      const call = slow.synthesize(
        { text: '你好', voice: slow.defaultVoice, speed: 1, format: 'mp3' },
        controller.signal,
      );
      setTimeout(() => controller.abort(), 100);
      await assert.rejects(call, SpeechTimeoutError);
      assert.ok(Date.now() - started < 3_000, 'does not hang');
    } finally {
      await slow.close();
    }
  });
});
