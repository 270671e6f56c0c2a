import type { SyllableVerdict } from '@/lib/speak/score-phrase';
import { TONE_SHAPES } from '@/lib/speak/tone-shapes';
import styles from './say-it.module.css';

const WIDTH = 80;
const HEIGHT = 56;
const PAD = 6;

/** Five levels (0 bottom, 1 top) as SVG polyline points across the box. */
function points(levels: readonly number[]): string {
  return levels
    .map((level, index) => {
      const x = PAD + (index * (WIDTH - 2 * PAD)) / Math.max(1, levels.length - 1);
      const clamped = Math.min(1.15, Math.max(-0.15, level));
      const y = PAD + (1 - clamped) * (HEIGHT - 2 * PAD);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

/**
 * The learner's pitch over each syllable (solid) on top of the expected tone's shape (dashed),
 * one small chart per syllable, the wrong ones marked. The words under each chart carry the same
 * information for screen readers.
 */
export function ToneContourChart({ syllables }: { syllables: SyllableVerdict[] }) {
  return (
    <ol className={styles.syllables} aria-label="Your tones, syllable by syllable">
      {syllables.map((syllable, index) => (
        <li
          key={index}
          className={syllable.correct ? styles.right : styles.wrong}
          data-testid="say-it-syllable"
          data-correct={syllable.correct}
        >
          <svg
            width={WIDTH}
            height={HEIGHT}
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            aria-hidden="true"
            className={styles.chart}
          >
            <polyline className={styles.expected} points={points(TONE_SHAPES[syllable.expected])} />
            {syllable.contour.length > 0 && (
              <polyline className={styles.heard} points={points(syllable.contour)} />
            )}
          </svg>
          <span className={styles.syllableName}>
            {syllable.correct ? '✓' : '✗'} {syllable.syllable}
            {syllable.expected}
          </span>
          <span className={styles.verdict}>
            {syllable.correct
              ? 'right'
              : syllable.heard === null
                ? 'not heard'
                : `heard tone ${syllable.heard === 5 ? 'neutral' : syllable.heard}`}
          </span>
        </li>
      ))}
    </ol>
  );
}
