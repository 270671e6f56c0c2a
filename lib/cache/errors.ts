/**
 * Typed failures so routes can map them without string matching:
 * CacheKeyError → 400, CacheLoaderTimeoutError → 504, CacheLoaderError → 502.
 *
 * `instanceof` works across copies of this module: a bundler may load it twice in one process
 * (Next builds instrumentation.ts apart from the routes), and the process-wide cache made by one
 * copy then throws errors a route checks against the other. Each class is recognised by a
 * registered symbol its instances carry, not by its prototype.
 */
const KEY = Symbol.for('tingshuo.cache.CacheKeyError');
const LOADER = Symbol.for('tingshuo.cache.CacheLoaderError');
const LOADER_TIMEOUT = Symbol.for('tingshuo.cache.CacheLoaderTimeoutError');
const CONFIG = Symbol.for('tingshuo.cache.CacheConfigError');
const UNAVAILABLE = Symbol.for('tingshuo.cache.CacheUnavailableError');

const carries = (value: unknown, brand: symbol) =>
  typeof value === 'object' && value !== null && brand in value;

export class CacheKeyError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return carries(value, KEY);
  }
  readonly [KEY] = true;
  override readonly name = 'CacheKeyError';
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`Invalid cache key ${JSON.stringify(key.slice(0, 80))}: ${reason}`);
  }
}

/** The loader failed and no stale value was available to serve instead. */
export class CacheLoaderError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return carries(value, LOADER);
  }
  readonly [LOADER] = true;
  override readonly name: string = 'CacheLoaderError';
  constructor(
    readonly namespace: string,
    readonly key: string,
    options: { cause: unknown },
    message = `Loader for ${namespace}:${key} failed`,
  ) {
    super(message, options);
  }
}

/** The loader exceeded its hard timeout (its AbortSignal fired) and no stale value was available. */
export class CacheLoaderTimeoutError extends CacheLoaderError {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return carries(value, LOADER_TIMEOUT);
  }
  readonly [LOADER_TIMEOUT] = true;
  override readonly name = 'CacheLoaderTimeoutError';
  constructor(
    namespace: string,
    key: string,
    readonly timeoutMs: number,
  ) {
    super(
      namespace,
      key,
      { cause: undefined },
      `Loader for ${namespace}:${key} timed out after ${timeoutMs} ms`,
    );
  }
}

/** A cache was configured wrongly (unknown namespace, bad prefix): a programming error, fail loudly. */
export class CacheConfigError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return carries(value, CONFIG);
  }
  readonly [CONFIG] = true;
  override readonly name = 'CacheConfigError';
}

/**
 * A write or invalidation could not reach Redis. Reads never throw this (they fall back to L1
 * and the loader), but an invalidation that silently failed would leave other instances serving
 * old data, so the caller must know.
 */
export class CacheUnavailableError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return carries(value, UNAVAILABLE);
  }
  readonly [UNAVAILABLE] = true;
  override readonly name = 'CacheUnavailableError';
  constructor(operation: string) {
    super(`Redis unavailable: ${operation} did not reach the shared cache`);
  }
}
