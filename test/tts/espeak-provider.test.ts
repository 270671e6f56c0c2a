import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createEspeakProvider } from '@/lib/tts/espeak-provider';
import { SpeechProviderError, SpeechTimeoutError } from '@/lib/tts/speech-errors';

const espeak = createEspeakProvider();
after(() => espeak.close());

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const speak = (text: string, signal?: AbortSignal) =>
  espeak.synthesize({ text, voice: espeak.defaultVoice, speed: 1, format: 'wav' }, signal);
const isWav = (audio: Buffer) => audio.subarray(8, 12).toString('ascii') === 'WAVE';

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

  // The engine used to run on the server's own thread: while it spoke, nothing else ran (cached
  // requests included). Now the loop keeps turning: a task needing thousands of turns finishes
  // while one phrase is spoken (the old engine let a few hundred through, all before it started).
  it('keeps the event loop turning while it speaks, so other requests are not held up', async () => {
    const TURNS = 2_000;
    await speak('你好'); // the engine is loaded: what follows is one phrase being spoken
    let spoken = false;
    const speaking = speak('我们一起学习中文吧，老师说得很慢。').then((result) => {
      spoken = true;
      return result;
    });
    let turns = 0;
    while (turns < TURNS && !spoken) {
      await nextTurn();
      turns += 1;
    }
    assert.equal(turns, TURNS, `the loop turned only ${turns} times before the phrase was spoken`);
    assert.ok(isWav((await speaking).audio));
  });

  it('frees a caller whose signal fires mid-phrase at once, and speaks the next phrase', async () => {
    await speak('你好');
    const controller = new AbortController();
    const abandoned = speak('我是学生', controller.signal).then(
      () => 'spoken',
      (error: unknown) => error,
    );
    await nextTurn();
    controller.abort();
    // Settled before the loop turns once more: the caller does not wait for the engine.
    const outcome = await Promise.race([abandoned, nextTurn().then(() => 'still waiting')]);
    assert.ok(outcome instanceof SpeechTimeoutError, `expected a timeout, got ${String(outcome)}`);
    assert.ok(isWav((await speak('谢谢')).audio));
  });

  it('fails the phrase in flight when its engine stops, and starts a fresh one for the next', async () => {
    const inFlight = speak('我是学生');
    await nextTurn();
    await espeak.close();
    await assert.rejects(inFlight, (error: unknown) => {
      assert.ok(error instanceof SpeechProviderError);
      assert.ok(!(error instanceof SpeechTimeoutError));
      return true;
    });
    assert.ok(isWav((await speak('你好')).audio));
  });

  it('does not keep the process alive once it has nothing to speak', () => {
    const script = `
      import { createEspeakProvider } from './lib/tts/espeak-provider.ts';
      const espeak = createEspeakProvider();
      const { audio } = await espeak.synthesize({ text: '你好', voice: espeak.defaultVoice, speed: 1, format: 'wav' });
      console.log(audio.length);
    `;
    // The timeout only bounds a hang; without it a held-open process would stall the suite.
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(child.signal, null, 'the process had to be killed: it did not exit by itself');
    assert.equal(child.status, 0, child.stderr);
    assert.ok(Number(child.stdout.trim()) > 44, 'it spoke before exiting');
  });
});
