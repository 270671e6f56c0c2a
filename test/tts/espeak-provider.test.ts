import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEspeakProvider } from '@/lib/tts/espeak-provider';
import { SpeechTimeoutError } from '@/lib/tts/speech-errors';

const espeak = createEspeakProvider();

// espeak's ASCII phonemes end each syllable's vowel with its tone contour: 55 (first tone),
// 35 (second), 21 or 214 (third), 51 (fourth).
describe('espeak provider (offline Mandarin voice)', () => {
  it('speaks the four tones of 妈麻马骂 as four different contours', async () => {
    const phonemes = await espeak.phonemes('妈麻马骂');
    assert.match(phonemes, /m'A55.*m'A35.*m'A21.*m'A51/);
  });

  it('gives 你好 a rising then a dipping tone', async () => {
    assert.match(await espeak.phonemes('你好'), /ni35X'Au214/);
  });

  it('reads tone-numbered pinyin as Mandarin tones, not as English numbers', async () => {
    const phonemes = await espeak.phonemes('ni3 hao3');
    assert.match(phonemes, /n'i35.*X'Au214/);
    assert.doesNotMatch(phonemes, /\(en\)/, 'no switch to the English voice');
  });

  it('reads a digit in Chinese text as a Chinese number (3 → sān)', async () => {
    const phonemes = await espeak.phonemes('我有3个苹果');
    assert.match(phonemes, /s'a55n/);
    assert.doesNotMatch(phonemes, /\(en\)/);
  });

  it('speaks text that starts with a dash instead of treating it as a command-line flag', async () => {
    assert.match(await espeak.phonemes('-w 你好'), /ni35X'Au214/);
  });

  it('produces a 22.05 kHz mono WAV, longer at 0.75x than at 1x', async () => {
    const normal = await espeak.synthesize({
      text: '我是学生',
      voice: espeak.defaultVoice,
      speed: 1,
      format: 'wav',
    });
    const slow = await espeak.synthesize({
      text: '我是学生',
      voice: espeak.defaultVoice,
      speed: 0.75,
      format: 'wav',
    });
    assert.equal(normal.contentType, 'audio/wav');
    assert.equal(normal.audio.subarray(0, 4).toString('ascii'), 'RIFF');
    assert.equal(normal.audio.subarray(8, 12).toString('ascii'), 'WAVE');
    assert.equal(normal.audio.readUInt16LE(22), 1, 'mono');
    assert.equal(normal.audio.readUInt32LE(24), 22_050);
    assert.ok(slow.audio.length > normal.audio.length * 1.15, 'slower speech lasts longer');
  });

  it('gives up with a timeout error when the caller aborts while waiting for the engine', async () => {
    const controller = new AbortController();
    const first = espeak.synthesize({
      text: '你好',
      voice: espeak.defaultVoice,
      speed: 1,
      format: 'wav',
    });
    const second = espeak.synthesize(
      { text: '谢谢', voice: espeak.defaultVoice, speed: 1, format: 'wav' },
      controller.signal,
    );
    controller.abort();
    await assert.rejects(second, SpeechTimeoutError);
    assert.ok((await first).audio.length > 44);
  });
});
