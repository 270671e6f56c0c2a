import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OFFLINE_NOTICE } from '@/lib/ai/offline/offline-reply';
import { seededOfflineTutor, type SeededOfflineTutor } from './seeded-offline-tutor';

/**
 * The offline tutor against a table of learner messages (hanzi, pinyin with marks, numbers or
 * no tones, English), on the seeded curriculum in a real database. Each row names what its reply
 * must do; every reply is also checked for the properties every reply must have.
 */
interface Row {
  message: string;
  /** Phrases the reply must explain (a line "<hanzi> — <pinyin> — …"). */
  explains?: string[];
  /** The corrected sentence the reply must give. */
  corrects?: string;
  /** Text the reply must contain. */
  says?: RegExp;
}

const TABLE: Row[] = [
  // Hanzi
  { message: '你好', explains: ['你好'] },
  { message: '谢谢', explains: ['谢谢'] },
  { message: '不客气', explains: ['不客气'], says: /不客气 — bú kè qi/ },
  { message: '老师', explains: ['老师'] },
  { message: '我喜欢喝茶', explains: ['喝茶'] },
  { message: '你好，我想学习怎么点菜', explains: ['你好'], says: /我 \(wǒ\).*想 \(xiǎng\)/s },
  { message: '一个', explains: ['一个'], says: /一个 — yí gè/ },
  { message: '不是', says: /bú shì/ },
  { message: '朋友', explains: ['朋友'] },
  { message: '明天', explains: ['明天'] },
  // Grammar: negation, measure words, 的/得, word order of time and place, 吗 with a question word
  { message: '我是不老师', corrects: '我不是老师', says: /Why: 不 goes before the verb/ },
  { message: '他是不医生。', corrects: '他不是医生。' },
  { message: '我不有猫', corrects: '我没有猫' },
  { message: '我有三书', corrects: '我有三本书', says: /measure word/ },
  { message: '这书很好', corrects: '这本书很好' },
  { message: '我有二个朋友', corrects: '我有两个朋友', says: /两, not 二/ },
  { message: '我有一狗', corrects: '我有一只狗' },
  { message: '他说的很好', corrects: '他说得很好', says: /shuō de hěn hǎo/ },
  { message: '她写的很快', corrects: '她写得很快' },
  { message: '我去北京明天', corrects: '我明天去北京', says: /time word/ },
  { message: '我们吃饭晚上', corrects: '我们晚上吃饭' },
  { message: '我学习在家', corrects: '我在家学习', says: /before the verb/ },
  { message: '他工作在医院', corrects: '他在医院工作' },
  { message: '你叫什么名字吗？', corrects: '你叫什么名字？', says: /no 吗/ },
  { message: '你去哪儿吗？', corrects: '你去哪儿？' },
  { message: '你有几个朋友吗', corrects: '你有几个朋友？' },
  // Right sentences are left alone
  { message: '你是不是老师？' },
  { message: '我住在北京。' },
  { message: '你是中国人吗？' },
  { message: '我明天去北京。' },
  { message: '他说得很好。' },
  // Pinyin: marks, numbers, none
  { message: 'nǐ hǎo', explains: ['你好'] },
  { message: 'ni3 hao3', explains: ['你好'] },
  { message: 'ni hao', explains: ['你好'] },
  { message: 'xie4 xie5', explains: ['谢谢'] },
  { message: 'lao3shi1', explains: ['老师'] },
  { message: 'laoshi', explains: ['老师'] },
  { message: 'xué xí', explains: ['学习'] },
  { message: 'bu2 ke4 qi5', explains: ['不客气'], says: /bú \(said as a 2nd tone/ },
  { message: 'lao2 shi1', explains: ['老师'], says: /A small correction/ },
  // English
  { message: 'How do I say thank you?', explains: ['谢谢'] },
  { message: 'how do I say teacher', explains: ['老师'] },
  { message: 'How do you say cat in Chinese?', explains: ['猫'] },
  { message: 'How do I order food?', explains: ['菜'] },
  { message: 'how do I say goodbye', explains: ['再见'] },
  { message: 'what is apple', explains: ['苹果'] },
  { message: 'I want to drink tea', explains: ['喝', '茶'] },
];

let tutor: SeededOfflineTutor;

before(async () => {
  tutor = await seededOfflineTutor();
});

after(async () => {
  await tutor?.database.drop();
});

const han = (text: string) => (text.match(/\p{Script=Han}/gu) ?? []).join('');

/** What every reply must do, whatever was asked. */
function checkEveryReply(reply: string) {
  assert.ok(reply.startsWith(OFFLINE_NOTICE), 'says it is the offline tutor');
  const unknown = /not in the lessons yet: (.*)\.$/m.exec(reply)?.[1] ?? '';
  for (const character of han(unknown.replace(/\([^)]*\)/g, ''))) {
    assert.ok(
      !tutor.curriculum.some((phrase) => phrase.hanzi.includes(character)),
      `${character} is taught, yet called "not in the lessons"`,
    );
  }
  for (const block of reply.split('\n\n')) {
    const heading = /^(\S+) — /.exec(block)?.[1];
    const example = /^Example: (\S+)/m.exec(block)?.[1];
    if (heading && example) {
      assert.ok(han(example).includes(han(heading)), `example ${example} lacks ${heading}`);
    }
  }
}

describe('offline tutor: a table of learner messages', () => {
  it(`has at least 40 rows`, () => assert.ok(TABLE.length >= 40));
  for (const row of TABLE) {
    it(`${row.message} → ${[...(row.explains ?? []), row.corrects ?? '', row.says?.source ?? ''].filter(Boolean).join(' · ') || 'no correction'}`, async () => {
      const reply = await tutor.ask(row.message);
      checkEveryReply(reply);
      for (const hanzi of row.explains ?? []) {
        assert.match(reply, new RegExp(`^${hanzi}[。！？]? — `, 'm'), `explains ${hanzi}`);
      }
      if (row.corrects) {
        assert.ok(reply.includes(`→ ${row.corrects} (`), `corrects to ${row.corrects}`);
      } else {
        assert.doesNotMatch(reply, /A grammar correction/, 'leaves a right sentence alone');
      }
      if (row.says) assert.match(reply, row.says);
    });
  }
});
