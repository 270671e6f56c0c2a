'use client';

import { useState } from 'react';
import { PhraseText } from '@/app/_components/phrase-text';
import { PlayButtons } from '@/app/_components/play-buttons';
import { SayIt } from '@/app/_components/say-it/say-it';
import type { ReviewDirection } from '@/lib/display/review-direction';
import type { DueCard } from '@/lib/progress';
import styles from './review.module.css';

/**
 * The question side: only the prompt of the chosen direction. Pinyin and tone colours would give
 * a reading card away, so they appear only when the learner asks for them.
 */
export function ReviewFront({ card, direction }: { card: DueCard; direction: ReviewDirection }) {
  const [hints, setHints] = useState(false);
  if (direction === 'listening') {
    return (
      <div className={styles.prompt} data-testid="review-front">
        <p className={styles.instruction}>Listen, then recall the hanzi and the meaning.</p>
        <PlayButtons text={card.hanzi} label="the card" />
      </div>
    );
  }
  if (direction === 'speaking') {
    // The tones are what is being practised, so neither pinyin nor tone colours show until the
    // answer; "Say it" scores the learner's own voice against them.
    return (
      <div className={styles.prompt} data-testid="review-front">
        <p className={styles.instruction}>Say it aloud with its tones, then check the answer.</p>
        <div className={styles.bare}>
          <PhraseText
            hanzi={card.hanzi}
            pinyin={card.pinyin}
            pinyinNumbered={card.pinyinNumbered}
          />
        </div>
        <p className={styles.meaning}>{card.english}</p>
        <div className={styles.practice}>
          <SayIt hanzi={card.hanzi} reading={card.pinyinNumbered} phraseId={card.phraseId} />
        </div>
      </div>
    );
  }
  if (direction === 'recall') {
    return (
      <div className={styles.prompt} data-testid="review-front">
        <p className={styles.instruction}>Say and write it in Chinese:</p>
        <p className={styles.meaning}>{card.english}</p>
      </div>
    );
  }
  return (
    <div className={styles.prompt} data-testid="review-front">
      <div className={hints ? styles.hintsShown : styles.bare} data-testid="review-hanzi">
        <PhraseText hanzi={card.hanzi} pinyin={card.pinyin} pinyinNumbered={card.pinyinNumbered} />
      </div>
      <button
        type="button"
        className={styles.tool}
        aria-pressed={hints}
        onClick={() => setHints((shown) => !shown)}
      >
        Pinyin and tones
      </button>
    </div>
  );
}

/**
 * The answer side, the same for every direction: hanzi with pinyin and tone colours, meaning,
 * audio. The `.practice` row is the one place a speaking control goes next to the play buttons.
 */
export function ReviewBack({ card }: { card: DueCard }) {
  return (
    <div className={styles.answer} data-testid="review-back">
      <div className={styles.hintsShown}>
        <PhraseText hanzi={card.hanzi} pinyin={card.pinyin} pinyinNumbered={card.pinyinNumbered} />
      </div>
      <p className={styles.meaning}>{card.english}</p>
      <div className={styles.practice}>
        <PlayButtons text={card.hanzi} label={card.hanzi} />
        <SayIt hanzi={card.hanzi} reading={card.pinyinNumbered} phraseId={card.phraseId} />
      </div>
    </div>
  );
}
