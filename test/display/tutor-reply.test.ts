import assert from 'node:assert/strict';
import { test } from 'node:test';
import { marksToNumbered, replySegments } from '@/lib/display/tutor-reply';

test('tone marks become tone numbers, unmarked syllables neutral', () => {
  assert.equal(marksToNumbered('nǐ hǎo'), 'ni3 hao3');
  assert.equal(marksToNumbered('xiè xie'), 'xie4 xie5');
  assert.equal(marksToNumbered('lǜ'), 'lü4');
});

test('a reply is cut into text and phrases with their tones, keeping every character', () => {
  const reply = '你好 — nǐ hǎo — "hello"\nExample: 我想喝茶。 (wǒ xiǎng hē chá) — "tea"';
  const segments = replySegments(reply);
  const phrases = segments.filter((segment) => segment.kind === 'phrase');
  assert.deepEqual(
    phrases.map((phrase) => [phrase.hanzi, phrase.syllables.map((s) => s.tone)]),
    [
      ['你好', [3, 3]],
      ['我想喝茶。', [3, 3, 1, 2, null]],
    ],
  );
  assert.equal(phrases[1]?.kind === 'phrase' && phrases[1].after, ' (wǒ xiǎng hē chá)');
  const rebuilt = segments
    .map((segment) => (segment.kind === 'text' ? segment.text : segment.hanzi + segment.after))
    .join('');
  assert.equal(rebuilt, reply);
});

test('a reply spoken with sandhi keeps the spoken tone for colour: 不客气 bú kè qi', () => {
  const [phrase] = replySegments('不客气 — bú kè qi').filter((s) => s.kind === 'phrase');
  assert.deepEqual(phrase?.kind === 'phrase' && phrase.syllables.map((s) => s.tone), [2, 4, 5]);
});
