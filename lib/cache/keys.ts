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
 * Where everything lives in Redis. An entry's key names its namespace's *generation-qualified*
 * version (`${epoch}.${counter}`), so bumping the counter orphans every entry at once (they age
 * out by TTL), and a keyspace that lost its data (new epoch) never names an old entry again. Meta
 * keys start with `_`, which namespaces cannot, so they never collide with entries. The epoch and
 * every version counter share one hash slot: a version read (one MGET) and a bump (one script that
 * checks the epoch) stay single-slot, and atomic, on a cluster too.
 */
export function keyLayout(prefix: string) {
  const statsSlot = `{${prefix}:stats}`;
  const metaSlot = `{${prefix}:meta}`;
  return {
    entry: (namespace: string, version: string, id: string) =>
      `${prefix}:${namespace}:${version}:${id}`,
    lease: (namespace: string, version: string, id: string) =>
      `${prefix}:_lease:${namespace}:${version}:${id}`,
    epoch: `${prefix}:_epoch:${metaSlot}`,
    namespaceVersion: (namespace: string) => `${prefix}:_v:${metaSlot}:${namespace}`,
    tagVersion: (namespace: string, tag: string) => `${prefix}:_t:${metaSlot}:${namespace}:${tag}`,
    // Bumped with every tag of the namespace: one GET tells whether any of its tags moved.
    tagSequence: (namespace: string) => `${prefix}:_ts:${metaSlot}:${namespace}`,
    busChannel: `${prefix}:_bus`,
    // One hash slot for all stats keys, so a flush is a single pipeline even on a cluster.
    statsBucket: (minute: number, namespace: string) =>
      `${prefix}:_stats:${statsSlot}:${minute}:${namespace}`,
    keyCounter: (namespace: string, version: string) =>
      `${prefix}:_stats:${statsSlot}:keys:${namespace}:${version}`,
  };
}

export type KeyLayout = ReturnType<typeof keyLayout>;
