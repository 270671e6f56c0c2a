/**
 * Cuts a finished reply into small pieces, so a cached or offline answer reaches the page the
 * same way a live one does. Cuts between code points, never inside a character.
 */
export function textPieces(text: string, charactersPerChunk = 16): string[] {
  const characters = Array.from(text);
  const pieces: string[] = [];
  for (let start = 0; start < characters.length; start += charactersPerChunk) {
    pieces.push(characters.slice(start, start + charactersPerChunk).join(''));
  }
  return pieces;
}

/** The same pieces as a stream, for providers that answer in one go. */
export async function* textChunks(text: string, charactersPerChunk = 16): AsyncIterable<string> {
  yield* textPieces(text, charactersPerChunk);
}
