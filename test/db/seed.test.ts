import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { convert } from 'pinyin-pro';
import { seedDatabase } from '@/lib/db/seed';
import { createTestDatabase, type TestDatabase } from '../support/database';

const TONE_MARK = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/;

/** pinyin-pro's tone-marked form of a stored numbered reading (its neutral tone is 0, not 5). */
function marksByPinyinPro(numbered: string): string {
  const syllables: string[] = [];
  for (const syllable of numbered.split(' ')) {
    if (syllable === 'r5')
      syllables.push(`${syllables.pop()}r`); // erhua: 哪儿 nǎr
    else syllables.push(convert(syllable.replace(/5$/, '0'), { format: 'numToSymbol' }));
  }
  return syllables.join(' ');
}

describe('curriculum seed', () => {
  let database: TestDatabase;

  before(async () => {
    database = await createTestDatabase({ seed: true });
  });

  after(async () => {
    await database.drop();
  });

  test('teaches at least 290 HSK 1 and 2 words in lessons of about a dozen', async () => {
    const lessons = await database.prisma.lesson.findMany({
      include: { phrases: true },
      orderBy: [{ hskLevel: 'asc' }, { position: 'asc' }],
    });
    assert.deepEqual([...new Set(lessons.map((lesson) => lesson.hskLevel))], [1, 2]);
    const words = lessons.flatMap((lesson) => lesson.phrases.filter((p) => p.kind === 'WORD'));
    assert.ok(words.length >= 290, `${words.length} words`);
    assert.equal(new Set(words.map((word) => word.hanzi)).size, words.length, 'no word twice');
    for (const lesson of lessons) {
      const count = (kind: string) => lesson.phrases.filter((p) => p.kind === kind).length;
      assert.ok(
        count('WORD') >= 9 && count('WORD') <= 14,
        `${lesson.slug}: ${count('WORD')} words`,
      );
      assert.ok(count('SENTENCE') >= 3 && count('SENTENCE') <= 5, `${lesson.slug} sentences`);
      assert.ok(lesson.title && lesson.description, `${lesson.slug} has a title`);
    }
  });

  test('gives every phrase tone-marked pinyin whose tone numbers pinyin-pro agrees with', async () => {
    const phrases = await database.prisma.phrase.findMany();
    for (const phrase of phrases) {
      const label = `${phrase.hanzi} (${phrase.pinyin} / ${phrase.pinyinNumbered})`;
      const onlyNeutralTones = /^[a-zü]+5( [a-zü]+5)*$/.test(phrase.pinyinNumbered);
      if (!onlyNeutralTones) assert.match(phrase.pinyin, TONE_MARK, label);
      assert.match(phrase.pinyinNumbered, /^([a-zü]+[1-5])( [a-zü]+[1-5])*$/, label);
      assert.equal(marksByPinyinPro(phrase.pinyinNumbered), phrase.pinyin, label);
      assert.ok(phrase.english.trim(), `${label} has an English gloss`);
    }
    const hello = phrases.find((phrase) => phrase.hanzi === '谢谢');
    assert.equal(hello?.pinyin, 'xiè xie');
    assert.equal(hello?.pinyinNumbered, 'xie4 xie5');
  });

  test('running it again changes nothing', async () => {
    const before = await database.prisma.phrase.findMany({ orderBy: { id: 'asc' } });
    const result = await seedDatabase(database.prisma);
    assert.deepEqual(result, {
      lessonsCreated: 0,
      lessonsUpdated: 0,
      phrasesCreated: 0,
      phrasesUpdated: 0,
      phrasesDeleted: 0,
    });
    assert.deepEqual(await database.prisma.phrase.findMany({ orderBy: { id: 'asc' } }), before);
  });

  test('repairs an edited phrase in place, keeping its id', async () => {
    const phrase = await database.prisma.phrase.findFirstOrThrow({
      where: { hanzi: '谢谢', kind: 'WORD' },
    });
    await database.prisma.phrase.update({ where: { id: phrase.id }, data: { english: 'oops' } });
    const result = await seedDatabase(database.prisma);
    assert.equal(result.phrasesUpdated, 1);
    const repaired = await database.prisma.phrase.findUniqueOrThrow({ where: { id: phrase.id } });
    assert.equal(repaired.english, phrase.english);
  });
});
