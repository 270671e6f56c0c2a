import { toneSyllables, type ToneSyllable } from '@/lib/catalogue/tone-syllables';
import { risingThird, thirdTonePairs } from '@/lib/curriculum/pinyin-sandhi';
import styles from './phrase-text.module.css';

/**
 * Hanzi with pinyin above each character (ruby) and tone colours, as the learner set them.
 * Where 一 or 不 change tone, both readings are rendered and the learner's "spoken / dictionary
 * tones" setting (html[data-sandhi]) picks one in CSS, so the markup is the same for everyone.
 */
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
  const pairs = thirdTonePairs(syllables);
  return (
    <span className={`${styles.phrase} ${styles[size]}`}>
      {!aligned && <span className={`${styles.pinyinLine} pinyin`}>{pinyin}</span>}
      <span lang="zh-CN">
        {syllables.map((s, index) =>
          s.tone === null ? <span key={index}>{s.text}</span> : <Syllable key={index} {...s} />,
        )}
      </span>
      {pairs.length > 0 && (
        <span className={styles.sandhiNote} data-testid="third-tone-note">
          {pairs.map((start) => (
            <span key={start}>
              <span lang="zh-CN">
                {syllables[start]!.text}
                {syllables[start + 1]!.text}
              </span>
              : 3rd + 3rd tone, the first is said rising (
              <span className="pinyin">
                {syllables[start]!.pinyin} → {risingThird(syllables[start]!.pinyin)}
              </span>
              ).{' '}
            </span>
          ))}
        </span>
      )}
    </span>
  );
}

function Syllable({ text, pinyin, tone, spoken }: ToneSyllable) {
  const toneClass = spoken
    ? `${styles[`tone${spoken.tone}`]} ${styles[`citation${tone}`]}`
    : styles[`tone${tone}`];
  return (
    <ruby className={toneClass} data-tone={tone}>
      {text}
      <rp>(</rp>
      <rt className={`${styles.rt} pinyin`}>
        {spoken ? (
          <>
            <span className={styles.spoken} data-testid="spoken-pinyin">
              {spoken.pinyin}
            </span>
            <span className={styles.citation}>{pinyin}</span>
          </>
        ) : (
          pinyin
        )}
      </rt>
      <rp>)</rp>
    </ruby>
  );
}
