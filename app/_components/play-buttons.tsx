'use client';

import { useRef, useState } from 'react';
import styles from './play-buttons.module.css';

const SPEEDS = [0.75, 1] as const;

type State =
  { kind: 'idle' } | { kind: 'loading'; speed: number } | { kind: 'error'; message: string };

/** Asks the server for the phrase's audio URL (cached) and plays it in a real audio element. */
export function PlayButtons({
  text,
  label,
  speeds = SPEEDS,
}: {
  text: string;
  label: string;
  /** Where space is short (inside a chat reply) one normal-speed button is enough. */
  speeds?: readonly number[];
}) {
  const audio = useRef<HTMLAudioElement>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function play(speed: number) {
    setState({ kind: 'loading', speed });
    try {
      const response = await fetch('/api/tts', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text, speed }),
      });
      const body = (await response.json()) as { url?: string; error?: { message: string } };
      if (!response.ok || !body.url) throw new Error(body.error?.message ?? 'Speech failed');
      const element = audio.current;
      if (!element) return;
      element.src = body.url;
      element.dataset.cache = response.headers.get('x-cache') ?? '';
      await element.play();
      setState({ kind: 'idle' });
    } catch (error) {
      setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <span className={styles.buttons}>
      {speeds.map((speed) => (
        <button
          key={speed}
          type="button"
          className={styles.button}
          onClick={() => void play(speed)}
          disabled={state.kind === 'loading'}
          aria-label={`Play ${label} at ${speed}× speed`}
        >
          ▶ {speed}×
        </button>
      ))}
      <audio ref={audio} preload="auto" data-testid="phrase-audio" />
      <span role="status" className={styles.status}>
        {state.kind === 'loading' && 'Loading…'}
        {state.kind === 'error' && state.message}
      </span>
    </span>
  );
}
