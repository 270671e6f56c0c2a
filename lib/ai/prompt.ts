import type { ChatMessage, TutorLesson } from './provider';

/**
 * Part of every reply cache key: bump it whenever the wording below changes, so replies written
 * under an old prompt are never served for the new one.
 */
export const PROMPT_VERSION = 'tutor-v1';

/** How many earlier messages of a conversation go to the model (and into the cache key). */
export const HISTORY_WINDOW = 8;

export function systemPrompt(lesson: TutorLesson | undefined): string {
  const lines = [
    'You are Tingshuo, a patient Mandarin Chinese tutor for beginners.',
    'The learner may write in Chinese characters, pinyin (with tone marks, tone numbers or none) or English.',
    'In every reply:',
    '- write each Chinese word or sentence in hanzi, followed by its pinyin with tone marks and its English meaning;',
    '- if the learner made a mistake (characters, tones, grammar, word choice), correct it gently and explain briefly;',
    '- end with one suggested next thing for the learner to say, in hanzi, pinyin and English.',
    'Keep replies short (under 120 words) and use simplified characters.',
  ];
  if (lesson && lesson.phrases.length > 0) {
    lines.push(
      '',
      `The learner is studying the lesson "${lesson.title}". Prefer its words and sentences:`,
      ...lesson.phrases.map((phrase) => `- ${phrase.hanzi} (${phrase.pinyin}): ${phrase.english}`),
    );
  }
  return lines.join('\n');
}

/** The messages sent to a provider: the system prompt, the recent history and the new message. */
export function buildPromptMessages(
  lesson: TutorLesson | undefined,
  recentHistory: ChatMessage[],
): ChatMessage[] {
  return [{ role: 'system', content: systemPrompt(lesson) }, ...recentHistory];
}
