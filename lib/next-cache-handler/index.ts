/** Next.js's `'use cache'` served by lib/cache. See the README section "'use cache' through lib/cache". */
export { createNextCacheHandler } from './handler';
export { registerNextCacheHandler } from './registry';
