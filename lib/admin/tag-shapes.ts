/**
 * The tags each namespace's writers attach, as exact shapes. An admin may invalidate only a tag
 * of a known shape, so a typo (or a pasted glob) is refused instead of silently matching nothing.
 */
export type TagShapes = Record<string, readonly RegExp[]>;

const INT = '[1-9][0-9]{0,9}';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const exact = (source: string) => new RegExp(`^${source}$`);

export const KNOWN_TAG_SHAPES: TagShapes = {
  tts: [
    exact(`lesson:${INT}`),
    exact('voice:[A-Za-z0-9_-]{1,64}'),
    exact('provider:(espeak|google)'),
  ],
  ai: [exact(`lesson:${INT}`), exact('model:[A-Za-z0-9._/-]{1,100}'), exact(`prompt:v${INT}`)],
  progress: [exact(`learner:${UUID}`), exact(`lesson:${INT}`)],
  config: [exact('catalogue'), exact(`hsk:${INT}`), exact(`lesson:${INT}`)],
  // `cacheTag` names on `'use cache'` renders (lib/next-cache-handler keeps them as they are).
  next: [exact('catalogue'), exact(`lesson:${INT}`)],
};

/** Human-readable shapes for error messages and the dashboard's hints. */
export function describeTagShapes(shapes: readonly RegExp[]): string[] {
  return shapes.map((shape) =>
    shape.source
      .slice(1, -1)
      .replaceAll(INT, '<int>')
      .replaceAll(UUID, '<uuid>')
      .replace(/\[A-Za-z0-9[^\]]*\]\{1,\d+\}/g, '<name>'),
  );
}
