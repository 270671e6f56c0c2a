'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { PhraseText } from '@/app/_components/phrase-text';
import { PlayButtons } from '@/app/_components/play-buttons';
import { SayIt } from '@/app/_components/say-it/say-it';
import type { DueCard, ProgressSummary } from '@/lib/progress';
import styles from './review.module.css';

const RATINGS = [
  { value: 1, label: 'Again', hint: 'forgot it' },
  { value: 2, label: 'Hard', hint: 'recalled with effort' },
  { value: 3, label: 'Good', hint: 'recalled' },
  { value: 4, label: 'Easy', hint: 'instant' },
] as const;

type Rating = (typeof RATINGS)[number]['value'];

type ReviewResponse = { summary: ProgressSummary; error?: never } | { error: { message: string } };

/** One card at a time: recall, reveal, rate (buttons or keys 1 to 4), then the next card. */
export function ReviewSession({
  initialCards,
  initialSummary,
  pinyinShown: pinyinByDefault,
}: {
  initialCards: DueCard[];
  initialSummary: ProgressSummary;
  pinyinShown: boolean;
}) {
  const [index, setIndex] = useState(0);
  const [summary, setSummary] = useState(initialSummary);
  const [revealed, setRevealed] = useState(false);
  const [pinyinShown, setPinyinShown] = useState(pinyinByDefault);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cardHeading = useRef<HTMLHeadingElement>(null);
  const goodRating = useRef<HTMLButtonElement>(null);
  // A second key press can arrive before React re-renders with `saving`: the ref stops it.
  const inFlight = useRef(false);
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
      try {
        const response = await fetch('/api/reviews', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ phraseId: card.phraseId, rating }),
        });
        const body = (await response.json()) as ReviewResponse;
        if (body.error !== undefined || !response.ok) {
          throw new Error(body.error?.message ?? `Saving failed (${response.status})`);
        }
        setSummary(body.summary);
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
      <Stats summary={summary} />
      {card ? (
        <section className={styles.card} aria-labelledby="review-card-heading">
          <h2 id="review-card-heading" ref={cardHeading} tabIndex={-1} className={styles.position}>
            Card {index + 1} of {initialCards.length}
            {card.isNew && <span className={styles.badge}>new</span>}
            <span className={styles.lesson}>{card.lessonTitle}</span>
          </h2>
          <div
            className={pinyinShown ? styles.pinyinShown : styles.pinyinHidden}
            data-testid="review-hanzi"
          >
            <PhraseText
              hanzi={card.hanzi}
              pinyin={card.pinyin}
              pinyinNumbered={card.pinyinNumbered}
            />
          </div>
          <div className={styles.tools}>
            <button
              type="button"
              className={styles.tool}
              aria-pressed={pinyinShown}
              onClick={() => setPinyinShown((shown) => !shown)}
            >
              Pinyin
            </button>
            <PlayButtons text={card.hanzi} label={card.hanzi} />
            <SayIt hanzi={card.hanzi} reading={card.pinyinNumbered} phraseId={card.phraseId} />
          </div>
          {revealed ? (
            <>
              <p className={styles.answer}>
                <span className={styles.pinyinAnswer}>{card.pinyin}</span>
                <span>{card.english}</span>
              </p>
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
                      {r.value} · {r.hint}
                    </span>
                  </button>
                ))}
              </div>
            </>
          ) : (
            <button type="button" className={styles.reveal} onClick={() => setRevealed(true)}>
              Show answer
            </button>
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

function Stats({ summary }: { summary: ProgressSummary }) {
  const goalReached = summary.reviewedToday >= summary.dailyGoal;
  return (
    <div className={styles.statsBox}>
      <dl className={styles.stats} aria-live="polite" data-testid="review-stats">
        <div>
          <dt>Streak</dt>
          <dd>
            {summary.streakDays} {summary.streakDays === 1 ? 'day' : 'days'}
          </dd>
        </div>
        <div>
          <dt>Today</dt>
          <dd>
            <span>
              {summary.reviewedToday} / {summary.dailyGoal} reviews
              {goalReached && ' · goal reached'}
            </span>
            <progress
              className={styles.goal}
              max={summary.dailyGoal}
              value={Math.min(summary.reviewedToday, summary.dailyGoal)}
              aria-label="Daily goal"
            />
          </dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>{summary.dueCount}</dd>
        </div>
      </dl>
      <p className={styles.note}>Streaks and daily counts follow UTC days.</p>
    </div>
  );
}
