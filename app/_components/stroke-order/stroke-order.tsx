'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import tool from '../card-tool.module.css';

// hanzi-writer and each character's data load only when a learner asks for the strokes.
const StrokeOrderPanel = dynamic(
  () => import('./stroke-order-panel').then((module) => module.StrokeOrderPanel),
  { ssr: false, loading: () => <p role="status">Loading the strokes…</p> },
);

/** "Strokes": each character of `hanzi` animated stroke by stroke, or quizzed. */
export function StrokeOrder({ hanzi }: { hanzi: string }) {
  const [open, setOpen] = useState(false);
  return (
    <span className={tool.tool}>
      <button
        type="button"
        className={tool.button}
        aria-expanded={open}
        onClick={() => setOpen((shown) => !shown)}
        aria-label={`Stroke order of ${hanzi}`}
      >
        ✍ Strokes
      </button>
      {open && <StrokeOrderPanel hanzi={hanzi} />}
    </span>
  );
}
