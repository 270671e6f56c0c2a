/**
 * Runs at most `max` tasks at once; the rest wait in order. A waiting caller whose signal fires
 * leaves the queue at once instead of holding its place.
 */
export function createConcurrencyLimit(max: number) {
  let active = 0;
  const waiting: Array<{ start: () => void }> = [];

  function acquire(signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    if (active < max) {
      active += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        waiting.splice(waiting.indexOf(entry), 1);
        reject(signal?.reason);
      };
      const entry = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      waiting.push(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  function release(): void {
    const next = waiting.shift();
    // The slot passes straight to the next caller, so `active` stays as it is.
    if (next) next.start();
    else active -= 1;
  }

  return async function run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await acquire(signal);
    try {
      return await task();
    } finally {
      release();
    }
  };
}
