/**
 * How long a rendered catalogue part lives (`cacheLife` of the `'use cache'` components, in
 * seconds). Content changes reach renders at once through their tag (publishCatalogueChange);
 * `revalidate` only bounds a render that raced a content change (begun before it, stored after:
 * served for at most this long, then re-rendered in the background).
 */
export const CATALOGUE_RENDER_LIFE = { stale: 300, revalidate: 3600, expire: 7 * 24 * 3600 };
