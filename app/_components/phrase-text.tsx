import { toneSyllables } from '@/lib/catalogue/tone-syllables';
import styles from './phrase-text.module.css';

/** Hanzi with pinyin above each character (ruby) and tone colours, as the learner set them. */
export function PhraseText({
  hanzi,
  pinyin,
  pinyinNumbered,
  size = 'large',
}: {
  hanzi: string;
  pinyin: string;
  pinyinNumbered: string;
  size?: 'large' | 'medium';
}) {
  const syllables = toneSyllables(hanzi, pinyin, pinyinNumbered);
  const aligned = syllables.some((s) => s.tone !== null);
  return (
    <span className={`${styles.phrase} ${styles[size]}`}>
      {!aligned && <span className={styles.pinyinLine}>{pinyin}</span>}
      <span lang="zh-CN">
        {syllables.map((s, index) =>
          s.tone === null ? (
            <span key={index}>{s.text}</span>
          ) : (
            <ruby key={index} className={styles[`tone${s.tone}`]}>
              {s.text}
              <rp>(</rp>
              <rt className={styles.rt}>{s.pinyin}</rt>
              <rp>)</rp>
            </ruby>
          ),
        )}
      </span>
    </span>
  );
}
