export class UnknownPhraseError extends Error {
  override readonly name = 'UnknownPhraseError';
  constructor(readonly phraseId: number) {
    super(`No phrase with id ${phraseId}`);
  }
}
