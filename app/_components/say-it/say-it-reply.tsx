'use client';

import { practicePhrase } from '@/lib/speak/practice-phrase';
import { SayIt } from './say-it';

/** "Say it" for the Chinese phrase in a tutor's reply, once the reply has fully arrived. */
export function SayItReply({ text, complete }: { text: string; complete: boolean }) {
  const phrase = complete ? practicePhrase(text) : undefined;
  return phrase ? <SayIt hanzi={phrase} /> : null;
}
