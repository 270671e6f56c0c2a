import type { Outcome } from './outcome';

/**
 * Browser side of an idempotent write (a Server Action given an idempotency key): calls again,
 * with the same key, while the outcome cannot be final (no answer at all, 409 still in
 * progress, 503 database down), so a retry can never apply the write twice. Gives up after
 * `attempts` and returns the last outcome (or rethrows the network error) for the caller to show.
 */
export async function untilFinal<T>(
  call: () => Promise<Outcome<T>>,
  { attempts = 3, waitMs = 1_000 }: { attempts?: number; waitMs?: number } = {},
): Promise<Outcome<T>> {
  for (let attempt = 1; ; attempt += 1) {
    const last = attempt >= attempts;
    try {
      const outcome = await call();
      if (last || outcome.ok || !RETRYABLE.has(outcome.failure.status)) return outcome;
    } catch (error) {
      if (last) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, waitMs * attempt));
  }
}

const RETRYABLE = new Set([409, 502, 503, 504]);
