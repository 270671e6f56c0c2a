import { CacheLoaderError, CacheLoaderTimeoutError } from './errors';
import type { LoaderContext } from './types';

export interface LoaderRun<T> {
  value: T;
  negative: boolean;
}

type LoaderFunction<T, S> = (context: LoaderContext<S>) => Promise<T>;

interface RunOptions<S> {
  namespace: string;
  key: string;
  hardTimeoutMs: number;
  stale: S | undefined;
}

/**
 * Runs loaders under a hard timeout and aborts the ones still running when the cache closes.
 * Running loaders sit in one Set rather than each adding an 'abort' listener to a shared signal:
 * hundreds of concurrent cold keys are normal, and Node warns past 10 listeners on one signal.
 */
export class LoaderRunner {
  private readonly running = new Set<LoaderCall<unknown, unknown>>();
  private closed: { reason: unknown } | undefined;

  /**
   * Its AbortSignal fires and the call rejects with CacheLoaderTimeoutError at the hard timeout,
   * even if the loader ignores the signal. Other failures become CacheLoaderError with the
   * original error as `cause`. The timeout error (a stack capture) is built only if it fires,
   * and the AbortController only if the loader reads its signal: most never do, and a miss whose
   * upstream answers at once would pay for one each time.
   */
  run<T, S>(loader: LoaderFunction<T, S>, options: RunOptions<S>): Promise<LoaderRun<T>> {
    const call = new LoaderCall<T, S>(options, this.running);
    const done = call.started();
    // On close, the call fails at once even if the loader ignores its signal.
    if (this.closed) call.abort(this.closed.reason);
    else this.running.add(call as LoaderCall<unknown, unknown>);
    let pending: Promise<T>;
    try {
      pending = loader(call);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (value) => call.loaded(value),
      (error: unknown) => call.failed(error),
    );
    return done;
  }

  /**
   * The cache is closing: abort every running loader and fail its call (a loader that ignores
   * its signal must not keep close() or its callers waiting); any started later starts aborted.
   */
  abortAll(reason: unknown): void {
    this.closed = { reason };
    for (const call of [...this.running]) call.stop(reason);
    this.running.clear();
  }
}

/**
 * One loader call, which is also the context its loader receives. The context used to be an
 * object literal with a `signal` getter: V8 gives every such literal a hidden class of its own,
 * allocated outside the young generation, and on the miss path those were half of what each
 * scavenge promoted (about 0.5 MB a scavenge one miss at a time), paid for again by the next
 * mark-compact. Accessors on a class prototype share one hidden class across calls.
 */
class LoaderCall<T, S> implements LoaderContext<S> {
  readonly stale: S | undefined;
  private negative = false;
  private controller: AbortController | undefined;
  private abortedWith: { reason: unknown } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private resolve!: (run: LoaderRun<T>) => void;
  private reject!: (error: unknown) => void;

  constructor(
    private readonly options: RunOptions<S>,
    private readonly running: Set<LoaderCall<unknown, unknown>>,
  ) {
    this.stale = options.stale;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.abortedWith) this.controller.abort(this.abortedWith.reason);
    }
    return this.controller.signal;
  }

  /** A getter, so a loader may take it out of its context (`{ markNegative }`) and call it. */
  get markNegative(): () => void {
    return () => {
      this.negative = true;
    };
  }

  started(): Promise<LoaderRun<T>> {
    const done = new Promise<LoaderRun<T>>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // The call rides along as the timer's argument: no closure per call.
    this.timer = setTimeout(
      timedOut,
      this.options.hardTimeoutMs,
      this as LoaderCall<unknown, unknown>,
    );
    return done;
  }

  abort(reason: unknown): void {
    this.abortedWith ??= { reason };
    this.controller?.abort(reason);
  }

  loaded(value: T): void {
    this.settle();
    this.resolve({ value, negative: this.negative });
  }

  failed(error: unknown): void {
    this.settle();
    this.reject(new CacheLoaderError(this.options.namespace, this.options.key, { cause: error }));
  }

  /** The cache is closing. */
  stop(reason: unknown): void {
    this.settle();
    this.abort(reason);
    this.reject(new CacheLoaderError(this.options.namespace, this.options.key, { cause: reason }));
  }

  timeOut(): void {
    const { namespace, key, hardTimeoutMs } = this.options;
    const error = new CacheLoaderTimeoutError(namespace, key, hardTimeoutMs);
    this.abort(error);
    this.reject(error);
  }

  private settle(): void {
    clearTimeout(this.timer);
    this.running.delete(this as LoaderCall<unknown, unknown>);
  }
}

function timedOut(call: LoaderCall<unknown, unknown>): void {
  call.timeOut();
}

/** Resolves to `undefined` after `ms`, for "stop waiting" races. */
export function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}
