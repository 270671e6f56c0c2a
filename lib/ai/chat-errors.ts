/**
 * Refusals of a chat request that the learner can act on, with the HTTP status and the field
 * routes report. Provider failures are TutorProviderError instead (502/504).
 */
export class ChatRequestError extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ChatRequestError';
  }
}

export const conversationNotFound = () =>
  new ChatRequestError(404, 'conversation_not_found', 'No such conversation.', 'conversationId');
