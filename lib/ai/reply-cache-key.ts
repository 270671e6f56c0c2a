import { createHash } from 'node:crypto';
import { PROMPT_VERSION } from './prompt';
import type { ChatMessage } from './provider';

/**
 * Two questions that differ only in spacing, Unicode composition or Latin letter case get the
 * same answer, so they share a cache entry.
 */
export function normaliseForKey(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

/**
 * The `ai` namespace key of a reply: a hash, so neither the learner's words nor anything that
 * identifies the learner ends up in a Redis key.
 */
export function replyCacheKey(input: {
  provider: string;
  model: string;
  lessonId: number | null;
  recentHistory: ChatMessage[];
}): string {
  const material = JSON.stringify([
    input.provider,
    input.model,
    PROMPT_VERSION,
    input.lessonId,
    input.recentHistory.map((message) => [message.role, normaliseForKey(message.content)]),
  ]);
  return createHash('sha256').update(material).digest('hex');
}
