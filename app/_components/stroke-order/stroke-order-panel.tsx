'use client';

import HanziWriter from 'hanzi-writer';
import { useEffect, useMemo, useRef, useState } from 'react';
import tool from '../card-tool.module.css';
import styles from './stroke-order.module.css';

const SIZE = 120;

/** Fetches a character's strokes from the app's own route (never a CDN). */
async function loadCharacter(character: string) {
  const response = await fetch(`/api/strokes/${encodeURIComponent(character)}`);
  if (!response.ok) throw new Error(`No stroke data for ${character}`);
  return response.json();
}

/** One hanzi-writer per character, with Animate and Quiz buttons for all of them. */
export function StrokeOrderPanel({ hanzi }: { hanzi: string }) {
  const characters = useMemo(
    () => [...hanzi].filter((character) => /\p{Script=Han}/u.test(character)),
    [hanzi],
  );
  const boxes = useRef<(HTMLDivElement | null)[]>([]);
  const writers = useRef<HanziWriter[]>([]);
  const [message, setMessage] = useState('');

  useEffect(() => {
    const elements = [...boxes.current];
    writers.current = characters.flatMap((character, index) => {
      const box = elements[index];
      if (!box) return [];
      return [
        HanziWriter.create(box, character, {
          width: SIZE,
          height: SIZE,
          padding: 6,
          showOutline: true,
          charDataLoader: (char, onLoad, onError) => {
            loadCharacter(char).then(onLoad, onError);
          },
          onLoadCharDataError: () => setMessage(`No stroke data for ${character}.`),
        }),
      ];
    });
    return () => {
      elements.forEach((box) => box?.replaceChildren());
      writers.current = [];
    };
  }, [characters]);

  async function animate() {
    setMessage('');
    for (const writer of writers.current) await writer.animateCharacter();
  }

  function quiz() {
    setMessage('Write each character with your finger or mouse, stroke by stroke.');
    // Said in words as well as drawn, so a screen reader hears how the quiz goes.
    for (const writer of writers.current) {
      void writer.quiz({
        onCorrectStroke: ({ character, strokeNum, strokesRemaining }) =>
          setMessage(
            `${character}: stroke ${strokeNum + 1} of ${strokeNum + 1 + strokesRemaining} right.`,
          ),
        onMistake: ({ character, strokeNum }) =>
          setMessage(`${character}: not quite; try stroke ${strokeNum + 1} again.`),
        onComplete: ({ character, totalMistakes }) =>
          setMessage(
            `${character} written, with ${totalMistakes} ${totalMistakes === 1 ? 'mistake' : 'mistakes'}.`,
          ),
      });
    }
  }

  return (
    <section className={tool.panel} aria-label={`Stroke order of ${hanzi}`}>
      <div className={styles.characters}>
        {characters.map((character, index) => (
          <div
            key={index}
            ref={(element) => {
              boxes.current[index] = element;
            }}
            className={styles.box}
            role="img"
            aria-label={`Strokes of ${character}`}
          />
        ))}
      </div>
      <div className={tool.controls}>
        <button type="button" className={tool.button} onClick={() => void animate()}>
          ▶ Animate
        </button>
        <button type="button" className={tool.button} onClick={quiz}>
          ✎ Quiz me
        </button>
      </div>
      <p role="status" className={tool.status}>
        {message}
      </p>
    </section>
  );
}
