/**
 * `cacheTag` names of the rendered catalogue (the `'use cache'` components in app/_components),
 * shared with the publisher so a content change reaches every instance's renders.
 */
export const CATALOGUE_RENDER_TAG = 'catalogue';

export function lessonRenderTag(lessonId: number): string {
  return `lesson:${lessonId}`;
}

/** The lib/cache namespace `'use cache'` entries live in (lib/app-cache.ts). */
export const RENDER_NAMESPACE = 'next';
