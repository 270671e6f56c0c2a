'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import tool from '../card-tool.module.css';

// The recorder, the pitch tracker and pinyin-pro load only when a learner opens a panel.
const SayItPanel = dynamic(() => import('./say-it-panel').then((module) => module.SayItPanel), {
  ssr: false,
  loading: () => <p role="status">Loading the tone checker…</p>,
});

/**
 * "Say it": the learner records the phrase and sees their tones against the expected ones.
 * `reading` is the numbered pinyin ("ni3 hao3"); without it the phrase is read with pinyin-pro.
 * With a `phraseId`, each result (never the recording) goes into the learner's progress.
 */
export function SayIt({
  hanzi,
  reading,
  phraseId,
}: {
  hanzi: string;
  reading?: string;
  phraseId?: number;
}) {
  const [open, setOpen] = useState(false);
  return (
    <span className={tool.tool}>
      <button
        type="button"
        className={tool.button}
        aria-expanded={open}
        onClick={() => setOpen((shown) => !shown)}
        aria-label={`Say ${hanzi} yourself and check your tones`}
      >
        🎤 Say it
      </button>
      {open && <SayItPanel hanzi={hanzi} reading={reading} phraseId={phraseId} />}
    </span>
  );
}
