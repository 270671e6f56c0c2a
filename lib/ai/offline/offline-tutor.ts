import type { TutorPhrase, TutorProvider, TutorRequest } from '../provider';
import { textChunks } from '../text-chunks';
import { composeOfflineReply } from './offline-reply';

export const OFFLINE_PROVIDER_NAME = 'offline';
export const OFFLINE_MODEL = 'tingshuo-offline-curriculum';

/**
 * The default tutor when no AI endpoint is configured: it answers the latest learner message
 * from the curriculum, streamed in pieces like a live model so the page behaves the same.
 */
export function createOfflineTutor(options: {
  /** Every phrase of the curriculum, so words from other lessons are recognised too. */
  loadCurriculum: () => Promise<TutorPhrase[]>;
}): TutorProvider {
  async function* stream({ messages, lesson, signal }: TutorRequest): AsyncIterable<string> {
    const question = messages.findLast((message) => message.role === 'user')?.content ?? '';
    const curriculum = await options.loadCurriculum();
    signal.throwIfAborted();
    yield* textChunks(composeOfflineReply(question, lesson, curriculum));
  }
  return { name: OFFLINE_PROVIDER_NAME, stream };
}
