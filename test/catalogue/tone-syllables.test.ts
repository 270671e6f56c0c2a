import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toneSyllables } from '@/lib/catalogue/tone-syllables';

test('pairs each character with its syllable and tone', () => {
  assert.deepEqual(toneSyllables('你好', 'nǐ hǎo', 'ni3 hao3'), [
    { text: '你', pinyin: 'nǐ', tone: 3 },
    { text: '好', pinyin: 'hǎo', tone: 3 },
  ]);
});

test('keeps punctuation uncoloured inside a sentence', () => {
  const result = toneSyllables('我是学生。', 'wǒ shì xué sheng 。', 'wo3 shi4 xue2 sheng5 。');
  assert.deepEqual(
    result.map((s) => [s.text, s.tone]),
    [
      ['我', 3],
      ['是', 4],
      ['学', 2],
      ['生', 5],
      ['。', null],
    ],
  );
});

test('leaves the text uncoloured when syllables and characters do not line up', () => {
  const result = toneSyllables('一点儿', 'yì diǎnr', 'yi4 dian3r5');
  assert.ok(result.every((s) => s.tone === null));
  assert.equal(result.map((s) => s.text).join(''), '一点儿');
});
