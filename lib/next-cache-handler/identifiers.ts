import { createHash } from 'node:crypto';

/** Characters lib/cache accepts in an identifier and that read well on the dashboard. */
const READABLE = /^[A-Za-z0-9_.:/@-]{1,200}$/;

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/**
 * Next's cache keys hold the build id, the function id and the serialized arguments: long, and
 * free to contain characters lib/cache refuses in keys (braces, brackets, whitespace). A digest
 * is short, safe and collision-free in practice.
 */
export function entryIdentifier(cacheKey: string): string {
  return digest(cacheKey);
}

/**
 * A Next tag as a lib/cache tag. Tags an app writes (`catalogue`, `lesson:12`) keep their name, so
 * the admin dashboard and scripts invalidate them by that name; soft tags of dynamic segments
 * (`_N_T_/lessons/[slug]/layout`) hold brackets lib/cache refuses and become a digest instead.
 */
export function tagIdentifier(tag: string): string {
  return READABLE.test(tag) ? tag : `#${digest(tag)}`;
}
