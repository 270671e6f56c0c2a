// How often the scorer names the tone the offline voice said, on every HSK 1 phrase, with the
// confusion matrix by tone; and whether a monotone rendering always scores lower.
// Run: flock /tmp/tingshuo-heavy.lock npx tsx bench/speak/tone-accuracy.ts
import type { Tone } from '@/lib/speak/expected-tones';
import { measureHsk1, type ToneTally } from '@/test/speak/hsk1-tone-accuracy';

const TONES: Tone[] = [1, 2, 3, 4, 5];
const share = ({ right, total }: ToneTally) =>
  `${right}/${total} = ${((100 * right) / total).toFixed(1)}%`;

function printConfusion({ confusion }: ToneTally) {
  console.log(`| said \\ heard | ${TONES.join(' | ')} | none |`);
  console.log(`|---|${TONES.map(() => '---:').join('|')}|---:|`);
  for (const said of TONES) {
    const cells = [...TONES, '-'].map((heard) => confusion.get(`${said}>${heard}`) ?? 0);
    console.log(`| ${said} | ${cells.join(' | ')} |`);
  }
}

const measured = await measureHsk1();
console.log(`HSK 1: ${measured.phrases} phrases\n`);
console.log(
  `Against the tones the voice says (${measured.asSaid.phrases} phrases said in Mandarin):` +
    ` ${share(measured.asSaid)} (odd lessons ${share(measured.asSaidOddLessons)},` +
    ` even lessons ${share(measured.asSaidEvenLessons)})`,
);
printConfusion(measured.asSaid);
console.log(
  `\nAgainst the dictionary's tones after sandhi (all phrases): ${share(measured.asWritten)}`,
);
printConfusion(measured.asWritten);
const beaten = measured.monotone.filter((item) => item.monotone < item.correct);
console.log(
  `\nmonotone (espeak -P 0), ${measured.monotone.length} phrases said with a tone 2, 3 or 4:` +
    ` lower than the correct rendering in ${beaten.length};` +
    ` highest monotone score ${Math.max(...measured.monotone.map((item) => item.monotone))}`,
);
for (const item of measured.monotone.filter((case_) => case_.monotone >= case_.correct)) {
  console.log(`  not lower: ${item.hanzi} correct ${item.correct}, monotone ${item.monotone}`);
}
