import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectedTones } from '@/lib/speak/expected-tones';
import { practicePhrase } from '@/lib/speak/practice-phrase';

const spoken = (hanzi: string, numbered: string) =>
  expectedTones(hanzi, numbered).map((syllable) => `${syllable.syllable}${syllable.tone}`);

describe('the tones a phrase is judged against (after tone sandhi)', () => {
  it('says a third tone before another third tone as a second tone: 你好 is ní hǎo', () => {
    assert.deepEqual(spoken('你好', 'ni3 hao3'), ['ni2', 'hao3']);
  });

  it('turns every third tone but the last of a run into a second tone: 我很好', () => {
    assert.deepEqual(spoken('我很好', 'wo3 hen3 hao3'), ['wo2', 'hen2', 'hao3']);
  });

  it('does not carry third-tone sandhi across a pause: 你好！我是 keeps hǎo a third tone', () => {
    assert.deepEqual(spoken('你好！我是', 'ni3 hao3 wo3 shi4'), ['ni2', 'hao3', 'wo3', 'shi4']);
    assert.deepEqual(spoken('汉语，你呢', 'han4 yu3 ni3 ne5'), ['han4', 'yu3', 'ni3', 'ne5']);
  });

  it('says 不 as bú before a fourth tone and leaves it bù elsewhere', () => {
    assert.deepEqual(spoken('不是', 'bu4 shi4'), ['bu2', 'shi4']);
    assert.deepEqual(spoken('不好', 'bu4 hao3'), ['bu4', 'hao3']);
  });

  it('says 一 as yì before tones 1-3, yí before tone 4, and yī when counting (第一)', () => {
    assert.deepEqual(spoken('一起', 'yi1 qi3'), ['yi4', 'qi3']);
    assert.deepEqual(spoken('一个', 'yi1 ge4'), ['yi2', 'ge4']);
    assert.deepEqual(spoken('第一', 'di4 yi1'), ['di4', 'yi1']);
  });

  it('keeps a neutral reading neutral: 对不起 is duì bu qǐ', () => {
    assert.deepEqual(spoken('对不起', 'dui4 bu5 qi3'), ['dui4', 'bu5', 'qi3']);
  });

  it('keeps the dictionary tone alongside the spoken one', () => {
    const [ni] = expectedTones('你好', 'ni3 hao3');
    assert.deepEqual(ni, { syllable: 'ni', citationTone: 3, tone: 2 });
  });
});

describe("the phrase of a tutor's reply that a learner can say aloud", () => {
  it('is the first run of hanzi, without trailing punctuation', () => {
    assert.equal(practicePhrase('Try this: 我是学生。 It means "I am a student".'), '我是学生');
    assert.equal(practicePhrase('你好，我叫小王！'), '你好，我叫小王');
  });

  it('is absent from an English-only reply and from a long paragraph', () => {
    assert.equal(practicePhrase('Well done!'), undefined);
    assert.equal(practicePhrase('我'.repeat(40)), undefined);
  });
});
