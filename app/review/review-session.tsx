'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { formatInterval } from '@/lib/display/interval';
import type { ReviewDirection } from '@/lib/display/review-direction';
import { untilFinal } from '@/lib/http/until-final';
import type { DueCard, ProgressSummary } from '@/lib/progress';
import { rateCard } from './actions';
import { ReviewBack, ReviewFront } from './review-card-faces';
import { ReviewCounts } from './review-counts';
import styles from './review.module.css';

const RATINGS = [
  { value: 1, label: 'Again' },
  { value: 2, label: 'Hard' },
  { value: 3, label: 'Good' },
  { value: 4, label: 'Easy' },
] as const;

type Rating = (typeof RATINGS)[number]['value'];

/** One idempotency key per answer: a retry of the same rating on the same card reuses it. */
type PendingAnswer = { phraseId: number; rating: Rating; key: string };

/** One card at a time: prompt, reveal, rate (buttons or keys 1 to 4), then the next card. */
export function ReviewSession({
  initialCards,
  initialSummary,
  direction,
}: {
  initialCards: DueCard[];
  initialSummary: ProgressSummary;
  direction: ReviewDirection;
}) {
  const [index, setIndex] = useState(0);
  const [summary, setSummary] = useState(initialSummary);
  const [revealed, setRevealed] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cardHeading = useRef<HTMLHeadingElement>(null);
  const goodRating = useRef<HTMLButtonElement>(null);
  // A second key press can arrive before React re-renders with `saving`: the ref stops it.
  const inFlight = useRef(false);
  const pending = useRef<PendingAnswer | null>(null);
  const card = initialCards[index];

  // Keyboard and screen-reader users land on each next card (not on the first: arriving on the
  // page keeps the browser's own focus order), and on the ratings once the answer shows.
  useEffect(() => {
    if (index > 0) cardHeading.current?.focus();
  }, [index]);
  useEffect(() => {
    if (revealed) goodRating.current?.focus();
  }, [revealed]);

  const rate = useCallback(
    async (rating: Rating) => {
      if (!card || inFlight.current) return;
      inFlight.current = true;
      setSaving(true);
      setError(null);
      const retry = pending.current;
      const answer =
        retry && retry.phraseId === card.phraseId && retry.rating === rating
          ? retry
          : { phraseId: card.phraseId, rating, key: crypto.randomUUID() };
      pending.current = answer;
      try {
        const outcome = await untilFinal(() =>
          rateCard({ phraseId: card.phraseId, rating }, answer.key),
        );
        if (!outcome.ok) throw new Error(outcome.failure.message);
        pending.current = null;
        // Null when the review was saved but the summary could not be read: keep the old one.
        if (outcome.value.summary) setSummary(outcome.value.summary);
        setRevealed(false);
        setIndex((current) => current + 1);
      } catch (caught) {
        setError(caught instanceof Error ? caught.message : String(caught));
      } finally {
        inFlight.current = false;
        setSaving(false);
      }
    },
    [card],
  );

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.target instanceof HTMLElement && event.target.closest('input, textarea, select'))
        return;
      const rating = RATINGS.find((r) => String(r.value) === event.key);
      if (rating && revealed) {
        event.preventDefault();
        void rate(rating.value);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rate, revealed]);

  return (
    <div className={styles.session}>
      <ReviewCounts remaining={initialCards.slice(index)} summary={summary} />
      {card ? (
        <section className={styles.card} aria-labelledby="review-card-heading">
          <h2 id="review-card-heading" ref={cardHeading} tabIndex={-1} className={styles.position}>
            Card {index + 1} of {initialCards.length}
            {card.isNew && <span className={styles.badge}>new</span>}
            {card.learning && <span className={styles.badge}>learning</span>}
            <span className={styles.lesson}>{card.lessonTitle}</span>
          </h2>
          {revealed ? (
            <>
              <ReviewBack card={card} />
              <div
                role="group"
                aria-label="How well did you remember it?"
                className={styles.ratings}
              >
                {RATINGS.map((r) => (
                  <button
                    key={r.value}
                    ref={r.value === 3 ? goodRating : undefined}
                    type="button"
                    className={`${styles.rating} ${styles[`rating${r.value}`]}`}
                    onClick={() => void rate(r.value)}
                    disabled={saving}
                    aria-keyshortcuts={String(r.value)}
                  >
                    <span className={styles.ratingLabel}>{r.label}</span>
                    <span className={styles.ratingHint}>
                      {r.value} · next in {formatInterval(card.nextIntervals[r.value])}
                    </span>
                  </button>
                ))}
              </div>
            </>
          ) : (
            <>
              <ReviewFront key={card.phraseId} card={card} direction={direction} />
              <button type="button" className={styles.reveal} onClick={() => setRevealed(true)}>
                Show answer
              </button>
            </>
          )}
          <p role="alert" className={styles.error}>
            {error}
          </p>
        </section>
      ) : (
        <section className={styles.done} aria-labelledby="review-done-heading">
          <h2 id="review-done-heading" ref={cardHeading} tabIndex={-1}>
            {initialCards.length === 0 ? 'Nothing to review right now' : 'Session complete'}
          </h2>
          <p>
            New phrases arrive each day and reviewed ones come back when they are due.{' '}
            <a href="/review">Check for more cards</a>
          </p>
        </section>
      )}
    </div>
  );
}
