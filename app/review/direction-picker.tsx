import Link from 'next/link';
import {
  REVIEW_DIRECTIONS,
  REVIEW_DIRECTION_LABELS,
  type ReviewDirection,
} from '@/lib/display/review-direction';
import styles from './review.module.css';

/** Links rather than a form: each direction has its own URL, so a learner can bookmark it. */
export function DirectionPicker({ current }: { current: ReviewDirection }) {
  return (
    <nav aria-label="Card direction" className={styles.directions}>
      {REVIEW_DIRECTIONS.map((direction) => (
        <Link
          key={direction}
          href={`/review?direction=${direction}`}
          aria-current={direction === current ? 'page' : undefined}
          className={styles.direction}
        >
          {REVIEW_DIRECTION_LABELS[direction]}
        </Link>
      ))}
    </nav>
  );
}
