'use client';

import dynamic from 'next/dynamic';
import { CardTool } from '../card-tool';

// hanzi-writer and each character's data load only when a learner asks for the strokes.
const StrokeOrderPanel = dynamic(
  () => import('./stroke-order-panel').then((module) => module.StrokeOrderPanel),
  { ssr: false, loading: () => <p role="status">Loading the strokes…</p> },
);

/** "Strokes": each character of `hanzi` animated stroke by stroke, or quizzed. */
export function StrokeOrder({ hanzi }: { hanzi: string }) {
  return (
    <CardTool label="✍ Strokes" description={`Stroke order of ${hanzi}`}>
      <StrokeOrderPanel hanzi={hanzi} />
    </CardTool>
  );
}
