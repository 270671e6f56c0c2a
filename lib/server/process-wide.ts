/**
 * `processWide('tingshuoCache', create)` returns a getter that calls `create` on first use and
 * then always returns that object. The object is kept on globalThis under `slot`, not in a
 * module variable: Next's dev hot reload re-evaluates modules, and the proxy and the route
 * handlers are separate bundles in one process; both must see one object (one Redis connection,
 * one pool), not one per bundle or per edit. Free of imports, so the proxy can use it cheaply.
 */
export function processWide<T>(slot: `tingshuo${string}`, create: () => T): () => T {
  const holder = globalThis as unknown as Record<string, T | undefined>;
  return () => (holder[slot] ??= create());
}
