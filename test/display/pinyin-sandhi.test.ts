import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pinyin } from 'pinyin-pro';
import { toneSyllables } from '@/lib/catalogue/tone-syllables';
import { buildCurriculum } from '@/lib/curriculum/build';
import { thirdTonePairs } from '@/lib/curriculum/pinyin-sandhi';

const spoken = (hanzi: string, marks: string, numbered: string) =>
  toneSyllables(hanzi, marks, numbered).map((s) => s.spoken?.pinyin ?? s.pinyin);

test('不 before a fourth tone and 一 before any tone are shown as they are said', () => {
  assert.deepEqual(spoken('不是', 'bù shì', 'bu4 shi4'), ['bú', 'shì']);
  assert.deepEqual(spoken('不好', 'bù hǎo', 'bu4 hao3'), ['bù', 'hǎo']);
  assert.deepEqual(spoken('一个', 'yī gè', 'yi1 ge4'), ['yí', 'gè']);
  assert.deepEqual(spoken('一起', 'yī qǐ', 'yi1 qi3'), ['yì', 'qǐ']);
  assert.deepEqual(spoken('一天', 'yī tiān', 'yi1 tian1'), ['yì', 'tiān']);
});

test('一 keeps its first tone as a number, an ordinal, a date and at the end', () => {
  assert.deepEqual(spoken('第一', 'dì yī', 'di4 yi1'), ['dì', 'yī']);
  assert.deepEqual(spoken('十一', 'shí yī', 'shi2 yi1'), ['shí', 'yī']);
  assert.deepEqual(spoken('一月', 'yī yuè', 'yi1 yue4'), ['yī', 'yuè']);
  assert.deepEqual(spoken('统一', 'tǒng yī', 'tong3 yi1'), ['tǒng', 'yī']);
});

test('the citation tone is kept alongside the spoken one', () => {
  const [bu] = toneSyllables('不对', 'bù duì', 'bu4 dui4');
  assert.deepEqual(bu, { text: '不', pinyin: 'bù', tone: 4, spoken: { pinyin: 'bú', tone: 2 } });
});

test('third-tone pairs are found where the first syllable is said rising', () => {
  const syllables = toneSyllables('你好', 'nǐ hǎo', 'ni3 hao3');
  assert.deepEqual(thirdTonePairs(syllables), [0]);
  assert.deepEqual(thirdTonePairs(toneSyllables('谢谢', 'xiè xie', 'xie4 xie5')), []);
});

test('on every phrase of the curriculum, 一 and 不 are said as pinyin-pro says them', async () => {
  const lessons = await buildCurriculum();
  let checked = 0;
  for (const phrase of lessons.flatMap((lesson) => lesson.phrases)) {
    const syllables = toneSyllables(phrase.hanzi, phrase.pinyin, phrase.pinyinNumbered);
    const reference = pinyin(phrase.hanzi, { type: 'all', toneSandhi: true });
    if (reference.length !== syllables.length) continue;
    syllables.forEach((syllable, index) => {
      const citation =
        (syllable.text === '一' && syllable.tone === 1) ||
        (syllable.text === '不' && syllable.tone === 4);
      if (!citation) return;
      checked += 1;
      const expected = reference[index]!.num;
      assert.equal(
        syllable.spoken?.tone ?? syllable.tone,
        expected,
        `${phrase.hanzi}: ${syllable.text} should be tone ${expected}`,
      );
    });
  }
  assert.ok(checked >= 10, `only ${checked} 一/不 checked`);
});
