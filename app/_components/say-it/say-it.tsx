'use client';

import dynamic from 'next/dynamic';
import { CardTool } from '../card-tool';
import type { SayItProps } from './say-it-panel';

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
export function SayIt(props: SayItProps) {
  return (
    <CardTool label="🎤 Say it" description={`Say ${props.hanzi} yourself and check your tones`}>
      <SayItPanel {...props} />
    </CardTool>
  );
}
