import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ESpeakNg from 'espeak-ng';
import { createEspeakProvider } from '@/lib/tts/espeak-provider';
import { decodeWav } from '@/lib/speak/wav';
import { ESPEAK_VOICE, espeakArguments, renderWithEspeak } from './espeak-render';
import { measureHsk1 } from './hsk1-tone-accuracy';

describe("tone scorer on the offline voice's own rendering of HSK 1", () => {
  it('renders with the voice the app speaks with, exactly as a fresh espeak-ng would', async () => {
    const provider = createEspeakProvider();
    assert.equal(provider.defaultVoice, ESPEAK_VOICE);
    await provider.close();
    for (const text of ['今天天气怎么样？', '你']) {
      const fresh = await ESpeakNg({ arguments: espeakArguments(text), print: () => {} });
      const expected = decodeWav(fresh.FS.readFile('out.wav'));
      assert.deepEqual((await renderWithEspeak(text)).samples, expected.samples, text);
    }
  });

  // The bounds in README.md, "Speaking practice"; bench/speak/tone-accuracy.ts prints the rest.
  it('names the tone the voice says for at least 90% of syllables, and one note scores lower', async () => {
    const measured = await measureHsk1();
    const { right, total } = measured.asSaid;
    assert.ok(
      measured.asSaid.phrases >= 195,
      `${measured.asSaid.phrases} phrases said in Mandarin`,
    );
    assert.ok(right / total >= 0.9, `named ${right} of ${total} tones right`);
    for (const half of [measured.asSaidOddLessons, measured.asSaidEvenLessons]) {
      assert.ok(half.right / half.total >= 0.88, `one half: ${half.right} of ${half.total}`);
    }
    assert.ok(Math.max(...measured.monotone.map((item) => item.monotone)) <= 50);
    const notLower = measured.monotone.filter((item) => item.monotone >= item.correct);
    assert.deepEqual(notLower, [], 'one note scored as high as the correct rendering');
  });
});
