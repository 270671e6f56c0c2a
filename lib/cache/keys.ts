import { CacheConfigError, CacheKeyError } from './errors';

/**
 * Identifiers end up inside Redis keys and log lines: refuse anything that could be mistaken for
 * a glob (`*?[]`), split a log line (whitespace, control characters), pick a cluster slot (`{}`),
 * or bloat every key (length).
 */
const MAX_IDENTIFIER_LENGTH = 512;
const FORBIDDEN = /[\s\p{Cc}*?[\]{}]/u;
const NAMESPACE = /^[a-z][a-z0-9_-]{0,31}$/;
const PREFIX = /^[a-z0-9_-]{1,32}$/;

export function assertIdentifier(identifier: string, what = 'key'): void {
  if (typeof identifier !== 'string' || identifier.length === 0) {
    throw new CacheKeyError(String(identifier), `${what} must be a non-empty string`);
  }
  if (identifier.length > MAX_IDENTIFIER_LENGTH) {
    throw new CacheKeyError(
      identifier,
      `${what} is longer than ${MAX_IDENTIFIER_LENGTH} characters`,
    );
  }
  const bad = FORBIDDEN.exec(identifier);
  if (bad) {
    throw new CacheKeyError(
      identifier,
      `${what} contains ${JSON.stringify(bad[0])} (whitespace, control, glob and brace characters are not allowed)`,
    );
  }
}

export function assertNamespaceName(namespace: string): void {
  if (!NAMESPACE.test(namespace)) {
    throw new CacheConfigError(`Namespace ${JSON.stringify(namespace)} must match ${NAMESPACE}`);
  }
}

export function assertPrefix(prefix: string): void {
  if (!PREFIX.test(prefix)) {
    throw new CacheConfigError(`Cache prefix ${JSON.stringify(prefix)} must match ${PREFIX}`);
  }
}

/**
 * Where everything lives in Redis. The namespace version is folded into entry keys, so
 * bumping it orphans every entry at once (they age out by TTL); meta keys start with `_`, which
 * namespaces cannot, so they never collide with entries.
 */
export function keyLayout(prefix: string) {
  const statsSlot = `{${prefix}:stats}`;
  return {
    entry: (namespace: string, version: number, id: string) =>
      `${prefix}:${namespace}:${version}:${id}`,
    lease: (namespace: string, version: number, id: string) =>
      `${prefix}:_lease:${namespace}:${version}:${id}`,
    namespaceVersion: (namespace: string) => `${prefix}:_v:${namespace}`,
    tagVersion: (namespace: string, tag: string) => `${prefix}:_t:${namespace}:${tag}`,
    busChannel: `${prefix}:_bus`,
    // One hash slot for all stats keys, so a flush is a single pipeline even on a cluster.
    statsBucket: (minute: number, namespace: string) =>
      `${prefix}:_stats:${statsSlot}:${minute}:${namespace}`,
    keyCounter: (namespace: string, version: number) =>
      `${prefix}:_stats:${statsSlot}:keys:${namespace}:${version}`,
  };
}

export type KeyLayout = ReturnType<typeof keyLayout>;
