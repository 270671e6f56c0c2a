import { CacheLoaderError, CacheLoaderTimeoutError } from '@/lib/cache';

/**
 * Why a tutor backend failed, typed so routes can answer 504 for a timeout and 502 for
 * everything else the upstream did wrong, without parsing messages.
 */
export type TutorProviderErrorKind =
  | 'timeout'
  | 'rate_limited'
  | 'unauthorized'
  | 'bad_request'
  | 'upstream_error'
  | 'unreachable'
  | 'malformed_response';

export class TutorProviderError extends Error {
  constructor(
    readonly kind: TutorProviderErrorKind,
    message: string,
    readonly upstreamStatus?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TutorProviderError';
  }

  /** The HTTP status our own API answers with when this error reaches a route. */
  get httpStatus(): 502 | 504 {
    return this.kind === 'timeout' ? 504 : 502;
  }
}

export function errorKindForStatus(status: number): TutorProviderErrorKind {
  if (status === 429) return 'rate_limited';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status >= 400 && status < 500) return 'bad_request';
  return 'upstream_error';
}

/**
 * The error a reply failed with, as the provider raised it: the cache wraps loader failures in
 * CacheLoaderError (the provider's error as `cause`) and answers its own hard timeout with
 * CacheLoaderTimeoutError, which for the learner is the tutor taking too long.
 */
export function replyFailure(error: unknown): unknown {
  if (error instanceof CacheLoaderTimeoutError) {
    return new TutorProviderError(
      'timeout',
      'The tutor did not finish its reply in time',
      undefined,
      {
        cause: error,
      },
    );
  }
  if (error instanceof CacheLoaderError && error.cause !== undefined) return error.cause;
  return error;
}
