import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createOfflineTutor } from '@/lib/ai/offline/offline-tutor';
import type { TutorLesson, TutorPhrase } from '@/lib/ai/provider';

const word = (hanzi: string, pinyin: string, pinyinNumbered: string, english: string) =>
  ({ hanzi, pinyin, pinyinNumbered, english, kind: 'WORD' }) satisfies TutorPhrase;
const sentence = (hanzi: string, pinyin: string, pinyinNumbered: string, english: string) =>
  ({ hanzi, pinyin, pinyinNumbered, english, kind: 'SENTENCE' }) satisfies TutorPhrase;

const greetings: TutorLesson = {
  id: '1',
  title: 'Greetings',
  phrases: [
    word('你好', 'nǐ hǎo', 'ni3 hao3', 'hello'),
    word('谢谢', 'xièxie', 'xie4 xie5', 'thank you'),
    word('再见', 'zàijiàn', 'zai4 jian4', 'goodbye'),
    sentence(
      '你好，我叫王明。',
      'Nǐ hǎo, wǒ jiào Wáng Míng.',
      'ni3 hao3, wo3 jiao4 Wang2 Ming2.',
      'Hello, my name is Wang Ming.',
    ),
  ],
};
const food: TutorPhrase[] = [
  word('喝', 'hē', 'he1', 'to drink'),
  word('女儿', 'nǚ’ér', 'nü3 er2', 'daughter'),
  word('好', 'hǎo', 'hao3', 'good; well'),
  word('号', 'hào', 'hao4', 'day of the month; number'),
];
const curriculum = [...greetings.phrases, ...food];
/** A conversation outside any lesson: only the curriculum passed to `ask` counts. */
const noLesson: TutorLesson = { id: '0', title: 'Free talk', phrases: [] };

async function ask(
  message: string,
  lesson: TutorLesson | undefined = greetings,
  phrases: TutorPhrase[] = curriculum,
) {
  const tutor = createOfflineTutor({ loadCurriculum: async () => phrases });
  const chunks: string[] = [];
  const messages = [{ role: 'user' as const, content: message }];
  for await (const chunk of tutor.stream({
    model: 'x',
    messages,
    lesson,
    signal: new AbortController().signal,
  })) {
    chunks.push(chunk);
  }
  return { reply: chunks.join(''), chunks };
}

describe('offline tutor', () => {
  for (const message of ['你好', 'ni3 hao3', 'nǐ hǎo', 'Nihao!', 'How do I say hello?']) {
    it(`recognises "${message}" as 你好 and explains it, saying it is offline`, async () => {
      const { reply } = await ask(message);
      assert.match(reply, /offline tutor/i);
      assert.match(reply, /你好 — nǐ hǎo — "hello"/);
      assert.match(reply, /nǐ \(3rd tone/);
      assert.match(reply, /Example: 你好，我叫王明。/);
      assert.match(reply, /Practice:/);
      assert.match(reply, /Next, try saying: 谢谢 \(xièxie\)/);
    });
  }

  it('streams the reply in several chunks', async () => {
    const { chunks } = await ask('你好');
    assert.ok(chunks.length > 3);
  });

  it('gently corrects wrong tone numbers and explains third-tone sandhi', async () => {
    const { reply } = await ask('ni2 hao3');
    assert.match(
      reply,
      /A small correction: you wrote "ni2 hao3", but the tones are ni3 hao3 \(nǐ hǎo\)/,
    );
    assert.match(reply, /before another 3rd tone/);
  });

  it('corrects wrong tone marks too', async () => {
    const { reply } = await ask('xiēxiē');
    assert.match(reply, /谢谢 — xièxie/);
    assert.match(reply, /the tones are xie4 xie5 \(xiè xie\)/);
  });

  it('reads "hao3" as 好, not as its homophone 号 with a wrong tone', async () => {
    const { reply } = await ask('hao3');
    assert.match(reply, /好 — hǎo — "good; well"/);
    assert.doesNotMatch(reply, /号|correction/);
  });

  it('offers both homophones when no tone is written', async () => {
    const { reply } = await ask('hao');
    assert.match(reply, /好 — hǎo/);
    assert.match(reply, /号 — hào/);
    assert.doesNotMatch(reply, /correction/);
  });

  it('does not correct pinyin written without tones', async () => {
    const { reply } = await ask('zaijian');
    assert.match(reply, /再见 — zàijiàn/);
    assert.doesNotMatch(reply, /correction/);
  });

  it('finds words of other lessons, including ü written as v', async () => {
    const { reply } = await ask('nv3er2');
    assert.match(reply, /女儿 — nǚ’ér — "daughter"/);
  });

  it('does not mistake the English word "he" for the pinyin of 喝', async () => {
    const { reply } = await ask('what did he say?');
    assert.doesNotMatch(reply, /喝/);
  });

  it('prefers a whole sentence over the words inside it', async () => {
    const { reply } = await ask('你好，我叫王明。');
    assert.match(reply, /你好，我叫王明。 — Nǐ hǎo, wǒ jiào Wáng Míng\./);
    assert.doesNotMatch(reply, /^你好 — /m);
  });

  it('gives the pinyin of characters that are not in the lessons', async () => {
    const { reply } = await ask('猫');
    assert.match(reply, /not in the lessons yet: 猫 \(māo\)/);
  });

  it('suggests lesson words when nothing is recognised', async () => {
    const { reply } = await ask('qwerty');
    assert.match(reply, /offline tutor/i);
    assert.match(reply, /Try one of these.*你好 \(nǐ hǎo\) "hello"/);
  });

  it('corrects "hao4" to 好 once when the lessons have no word read hao4', async () => {
    const { reply } = await ask('hao4', noLesson, [...greetings.phrases, food[2] as TutorPhrase]);
    assert.match(reply, /好 — hǎo — "good; well"/);
    assert.equal(reply.match(/A small correction/g)?.length, 1);
    assert.match(reply, /you wrote "hao4", but the tones are hao3 \(hǎo\)/);
  });

  it('reads "hao4" as 号 without any correction when the lessons have 号', async () => {
    const { reply } = await ask('hao4');
    assert.match(reply, /号 — hào/);
    assert.doesNotMatch(reply, /好 — |correction/);
  });

  it('offers one correction, not every homophone, when no reading has the tone written', async () => {
    const { reply } = await ask('xie3', noLesson, [
      word('些', 'xiē', 'xie1', 'some'),
      word('鞋', 'xié', 'xie2', 'shoe'),
      word('谢谢', 'xièxie', 'xie4 xie5', 'thank you'),
    ]);
    assert.equal(reply.match(/A small correction/g)?.length, 1);
    assert.match(reply, /些 — xiē/);
    assert.doesNotMatch(reply, /鞋|谢谢 — /);
  });

  it('keeps two single words apart when the lessons have no word for both, each example once', async () => {
    const { reply } = await ask('ni3 hao3', noLesson, [
      word('你', 'nǐ', 'ni3', 'you'),
      word('好', 'hǎo', 'hao3', 'good'),
      sentence('你很好。', 'Nǐ hěn hǎo.', 'ni3 hen3 hao3', 'You are very well.'),
    ]);
    assert.match(reply, /^你 — nǐ — "you"$/m);
    assert.match(reply, /^好 — hǎo — "good"$/m);
    assert.equal(reply.match(/Example: 你很好。/g)?.length, 1);
  });
});
