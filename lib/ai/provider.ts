/**
 * What every tutor backend (a remote chat-completions endpoint, the embedded offline tutor)
 * offers: a reply streamed as text deltas, so the page can show it while it is being written.
 */
export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** A lesson phrase as the tutor sees it. */
export interface TutorPhrase {
  hanzi: string;
  pinyin: string;
  pinyinNumbered: string;
  english: string;
  kind: 'WORD' | 'SENTENCE';
}

/** The lesson the learner is practising, if any: the prompt and the offline tutor both use it. */
export interface TutorLesson {
  id: string;
  title: string;
  phrases: TutorPhrase[];
}

export interface TutorRequest {
  model: string;
  messages: ChatMessage[];
  signal: AbortSignal;
  /** Remote providers get the lesson through the system prompt; the offline tutor reads it here. */
  lesson?: TutorLesson;
}

export interface TutorProvider {
  /** Stable name that goes into cache keys, so replies of different backends never mix. */
  readonly name: string;
  stream(request: TutorRequest): AsyncIterable<string>;
}
