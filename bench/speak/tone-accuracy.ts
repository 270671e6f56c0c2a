// How often the scorer names the tone the offline voice said, on every HSK 1 phrase, with the
// confusion matrix by tone; and whether a monotone rendering always scores lower.
// Run: flock /tmp/tingshuo-heavy.lock npx tsx bench/speak/tone-accuracy.ts
import { buildCurriculum } from '@/lib/curriculum/build';
import { expectedTones, type Tone } from '@/lib/speak/expected-tones';
import { scorePhrase } from '@/lib/speak/score-phrase';
import { renderWithEspeak } from '@/test/speak/espeak-render';

const TONES: Tone[] = [1, 2, 3, 4, 5];
const lessons = (await buildCurriculum()).filter((lesson) => lesson.hskLevel === 1);
const phrases = lessons.flatMap((lesson) => lesson.phrases);
const confusion = new Map<string, number>();
let right = 0;
let total = 0;
const monotoneCases: { hanzi: string; correct: number; monotone: number }[] = [];
const verbose = process.argv.includes('--verbose');

for (const phrase of phrases) {
  const expected = expectedTones(phrase.hanzi, phrase.pinyinNumbered);
  const result = scorePhrase(await renderWithEspeak(phrase.hanzi), expected);
  for (const syllable of result.syllables) {
    const key = `${syllable.expected}>${syllable.heard ?? '-'}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
    total++;
    if (syllable.correct) right++;
  }
  if (verbose && result.score < 100) {
    const said = result.syllables.map((s) => `${s.syllable}${s.expected}:${s.heard}`).join(' ');
    console.log(phrase.hanzi, result.score, said);
  }
  if (expected.some((syllable) => syllable.tone !== 1 && syllable.tone !== 5)) {
    const monotone = scorePhrase(
      await renderWithEspeak(phrase.hanzi, { monotone: true }),
      expected,
    );
    monotoneCases.push({ hanzi: phrase.hanzi, correct: result.score, monotone: monotone.score });
  }
}

console.log(`HSK 1: ${phrases.length} phrases, ${total} syllables`);
console.log(`tone named right: ${right}/${total} = ${((100 * right) / total).toFixed(1)}%\n`);
console.log(`| said \\ heard | ${TONES.join(' | ')} | none |`);
console.log(`|---|${TONES.map(() => '---:').join('|')}|---:|`);
for (const said of TONES) {
  const cells = [...TONES, '-'].map((heard) => confusion.get(`${said}>${heard}`) ?? 0);
  console.log(`| ${said} | ${cells.join(' | ')} |`);
}
const lowestCorrect = Math.min(...monotoneCases.map((item) => item.correct));
const highestMonotone = Math.max(...monotoneCases.map((item) => item.monotone));
const beaten = monotoneCases.filter((item) => item.monotone < item.correct).length;
console.log(
  `\nmonotone (espeak -P 0), ${monotoneCases.length} phrases with a tone 2, 3 or 4 (a level rendering is right for tones 1 and 5):` +
    ` lower than the correct rendering in ${beaten}; highest monotone score ${highestMonotone},` +
    ` lowest correct score ${lowestCorrect}`,
);
