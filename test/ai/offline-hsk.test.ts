import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seededOfflineTutor, type SeededOfflineTutor } from './seeded-offline-tutor';

/**
 * The offline tutor as a learner meets it: reading the seeded HSK 1-2 curriculum from the real
 * database, where many syllables have homophones (xie: 些 写 谢谢; hao: 好 号) and 你好 is only
 * used inside sentences.
 */
let tutor: SeededOfflineTutor;
const ask = (message: string) => tutor.ask(message);

before(async () => {
  tutor = await seededOfflineTutor();
});

after(async () => {
  await tutor?.database.drop();
});

const corrections = (reply: string) => reply.match(/A small correction/g)?.length ?? 0;

describe('offline tutor on the HSK curriculum', () => {
  it('reads "xie4 xie5" as 谢谢 only, without reading its syllables again as 些 or 写', async () => {
    const reply = await ask('xie4 xie5');
    assert.match(reply, /^谢谢 — xiè ?xie — "to thank; thanks"$/m);
    assert.doesNotMatch(reply, /些|写/);
    assert.equal(corrections(reply), 0);
  });

  it('reads "xie xie" as 谢谢 and tells the tones that were left out', async () => {
    const reply = await ask('xie xie');
    assert.match(reply, /^谢谢 — xiè ?xie — "to thank; thanks"$/m);
    assert.match(
      reply,
      /You wrote "xie xie" without tones; with tones it is xiè xie \(xie4 xie5\)/,
    );
    assert.doesNotMatch(reply, /些|写/);
    assert.equal(corrections(reply), 0);
  });

  it('reads "ni3 hao3" as the word 你好 from the lesson sentences, not as 你 and 好', async () => {
    const reply = await ask('ni3 hao3');
    assert.match(reply, /^你好 — nǐ hǎo — 你 "you" \+ 好 "good; well"$/m);
    assert.match(reply, /^Example: [^\n]*你好！/m);
    assert.doesNotMatch(reply, /^(你|好) — /m);
    assert.equal(corrections(reply), 0);
  });

  it('reads "hao4" as 号, which has that tone, instead of correcting it to 好', async () => {
    const reply = await ask('hao4');
    assert.match(reply, /^号 — hào — /m);
    assert.doesNotMatch(reply, /^好 — /m);
    assert.equal(corrections(reply), 0);
  });

  it('corrects "xie4" once, to the likeliest word, instead of to every homophone', async () => {
    const reply = await ask('xie4');
    assert.equal(corrections(reply), 1);
    assert.equal(reply.match(/^(些|写) — /gm)?.length, 1);
  });

  it('reads the hanzi 谢谢你 as the sentence 谢谢你！', async () => {
    const reply = await ask('谢谢你');
    assert.match(reply, /^谢谢你！ — xiè ?xie nǐ — "Thank you!"$/m);
    assert.doesNotMatch(reply, /^(谢谢|你) — /m);
    assert.doesNotMatch(reply, /not in the lessons/);
  });

  it('answers "thank you" with 谢谢, showing the sentence 谢谢你！ once', async () => {
    const reply = await ask('thank you');
    assert.match(reply, /^谢谢 — xiè ?xie — "to thank; thanks"$/m);
    assert.equal(reply.match(/谢谢你！/g)?.length, 1);
    assert.equal(corrections(reply), 0);
  });
});
