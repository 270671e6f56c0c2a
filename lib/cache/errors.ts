/**
 * Typed failures so routes can map them without string matching:
 * CacheKeyError → 400, CacheLoaderTimeoutError → 504, CacheLoaderError → 502.
 */
export class CacheKeyError extends Error {
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
  override readonly name = 'CacheConfigError';
}

/**
 * A write or invalidation could not reach Redis. Reads never throw this (they fall back to L1
 * and the loader), but an invalidation that silently failed would leave other instances serving
 * old data, so the caller must know.
 */
export class CacheUnavailableError extends Error {
  override readonly name = 'CacheUnavailableError';
  constructor(operation: string) {
    super(`Redis unavailable: ${operation} did not reach the shared cache`);
  }
}
