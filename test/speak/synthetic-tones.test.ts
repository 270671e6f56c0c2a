import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExpectedSyllable, Tone } from '@/lib/speak/expected-tones';
import { scorePhrase } from '@/lib/speak/score-phrase';
import { glides, synthesise } from './synthetic-voice';

const syllablesOf = (tones: Tone[]): ExpectedSyllable[] =>
  tones.map((tone) => ({ syllable: 'ma', citationTone: tone, tone }));

// A deep voice, a high one, and each with noise at a tenth of the voice's peak (about 14 dB SNR).
const SPEAKERS = [
  { name: 'a low voice (100 Hz)', baseHz: 100, noiseLevel: 0 },
  { name: 'a high voice (300 Hz)', baseHz: 300, noiseLevel: 0 },
  { name: 'a low voice in noise', baseHz: 100, noiseLevel: 0.1 },
  { name: 'a high voice in noise', baseHz: 300, noiseLevel: 0.1 },
];

for (const { name, baseHz, noiseLevel } of SPEAKERS) {
  describe(`tone scorer on synthetic glides, ${name}`, () => {
    const glide = glides(baseHz);
    const cases: [string, keyof typeof glide, Tone][] = [
      ['a level syllable is tone 1', 'level', 1],
      ['a rising glide is tone 2', 'rising', 2],
      ['a dipping syllable is tone 3', 'dipping', 3],
      ['a falling glide is tone 4', 'falling', 4],
    ];
    for (const [title, shape, tone] of cases) {
      it(`${title} when said alone`, () => {
        const result = scorePhrase(synthesise([glide[shape]], { noiseLevel }), syllablesOf([tone]));
        assert.equal(result.syllables[0]?.heard, tone);
        assert.equal(result.score, 100);
        assert.deepEqual(result.tips, []);
      });
    }

    it('hears all four tones in a four-syllable phrase (妈麻马骂) and scores it 100', () => {
      const recording = synthesise([glide.level, glide.rising, glide.dipping, glide.falling], {
        noiseLevel,
      });
      const result = scorePhrase(recording, syllablesOf([1, 2, 3, 4]));
      assert.deepEqual(
        result.syllables.map((syllable) => syllable.heard),
        [1, 2, 3, 4],
      );
      assert.equal(result.score, 100);
    });

    it('scores the same phrase said on one note low, with a tip naming the syllable', () => {
      const flat = glide.monotone;
      const result = scorePhrase(
        synthesise([flat, flat, flat, flat], { noiseLevel }),
        syllablesOf([1, 2, 3, 4]),
      );
      assert.ok(result.score <= 25, `monotone scored ${result.score}`);
      assert.ok(
        result.tips.some((tip) => /^Your 2nd syllable \(ma\) .*tone 2 \(rising\)/.test(tip)),
        result.tips.join('\n'),
      );
    });
  });
}

describe('tone scorer on silence', () => {
  it('says no voice was heard and scores 0, rather than guessing tones', () => {
    const silence = { samples: new Float32Array(16_000), sampleRate: 16_000 };
    const result = scorePhrase(silence, syllablesOf([3, 3]));
    assert.equal(result.heardVoice, false);
    assert.equal(result.score, 0);
    assert.deepEqual(
      result.syllables.map((syllable) => syllable.heard),
      [null, null],
    );
  });
});
