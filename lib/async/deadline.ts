/**
 * Settles like `work`, or rejects with `signal.reason` as soon as `signal` aborts. For calls that
 * cannot be cancelled (a gRPC promise, an upload, a Redis command already sent): the wait stops,
 * the work is left to end on its own, and its late outcome is ignored.
 */
export async function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => {});
  signal.throwIfAborted();
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * `run` bounded by `ms` (an `AbortSignal.timeout`, handed to `run` so it can cancel what it can):
 * past it, rejects with an Error saying that `what` did not answer within `ms` ms.
 */
export async function within<T>(
  ms: number,
  what: string,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const signal = AbortSignal.timeout(ms);
  try {
    return await untilAborted(run(signal), signal);
  } catch (error) {
    if (error === signal.reason) throw new Error(`${what} did not answer within ${ms} ms`);
    throw error;
  }
}
