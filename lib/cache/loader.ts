import { CacheLoaderError, CacheLoaderTimeoutError } from './errors';

export interface LoaderRun<T> {
  value: T;
  negative: boolean;
}

type LoaderFunction<T, S> = (context: {
  signal: AbortSignal;
  stale: S | undefined;
  markNegative(): void;
}) => Promise<T>;

/**
 * Runs loaders under a hard timeout and aborts the ones still running when the cache closes.
 * Running loaders sit in one Set rather than each adding an 'abort' listener to a shared signal:
 * hundreds of concurrent cold keys are normal, and Node warns past 10 listeners on one signal.
 */
export class LoaderRunner {
  /** How to stop each running loader: abort its signal and fail its call at once. */
  private readonly running = new Set<(reason: unknown) => void>();
  private closed: { reason: unknown } | undefined;

  /**
   * Its AbortSignal fires and the call rejects with CacheLoaderTimeoutError at the hard timeout,
   * even if the loader ignores the signal. Other failures become CacheLoaderError with the
   * original error as `cause`. The timeout error (a stack capture) is built only if it fires,
   * and the AbortController only if the loader reads its signal: most never do, and a miss whose
   * upstream answers at once would pay for one each time.
   */
  run<T, S>(
    loader: LoaderFunction<T, S>,
    options: { namespace: string; key: string; hardTimeoutMs: number; stale: S | undefined },
  ): Promise<LoaderRun<T>> {
    let controller: AbortController | undefined;
    let abortedWith: { reason: unknown } | undefined;
    const abort = (reason: unknown) => {
      abortedWith ??= { reason };
      controller?.abort(reason);
    };
    let negative = false;
    return new Promise<LoaderRun<T>>((resolve, reject) => {
      const stop = (reason: unknown) => {
        settle();
        abort(reason);
        reject(new CacheLoaderError(options.namespace, options.key, { cause: reason }));
      };
      // On close, the call fails at once even if the loader ignores its signal.
      if (this.closed) abort(this.closed.reason);
      else this.running.add(stop);
      const timer = setTimeout(() => {
        const error = new CacheLoaderTimeoutError(
          options.namespace,
          options.key,
          options.hardTimeoutMs,
        );
        abort(error);
        reject(error);
      }, options.hardTimeoutMs);
      const settle = () => {
        clearTimeout(timer);
        this.running.delete(stop);
      };
      let pending: Promise<T>;
      try {
        pending = loader({
          get signal() {
            if (!controller) {
              controller = new AbortController();
              if (abortedWith) controller.abort(abortedWith.reason);
            }
            return controller.signal;
          },
          stale: options.stale,
          markNegative: () => (negative = true),
        });
      } catch (error) {
        pending = Promise.reject(error);
      }
      pending.then(
        (value) => {
          settle();
          resolve({ value, negative });
        },
        (error: unknown) => {
          settle();
          reject(new CacheLoaderError(options.namespace, options.key, { cause: error }));
        },
      );
    });
  }

  /**
   * The cache is closing: abort every running loader and fail its call (a loader that ignores
   * its signal must not keep close() or its callers waiting); any started later starts aborted.
   */
  abortAll(reason: unknown): void {
    this.closed = { reason };
    for (const stop of [...this.running]) stop(reason);
    this.running.clear();
  }
}

/** Resolves to `undefined` after `ms`, for "stop waiting" races. */
export function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}
