/**
 * Browser side of `Idempotency-Key`: POSTs JSON with the key, and retries with the same key when
 * the answer cannot be final (no answer at all, 409 still in progress, 503 database down), so a
 * retry can never apply the request twice. Gives up after `attempts` and returns the last answer
 * (or rethrows the network error) for the caller to show.
 */
export async function postOnce(
  url: string,
  body: unknown,
  idempotencyKey: string,
  { attempts = 3, waitMs = 1_000 }: { attempts?: number; waitMs?: number } = {},
): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    const last = attempt >= attempts;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body: JSON.stringify(body),
      });
      if (last || !RETRYABLE.has(response.status)) return response;
    } catch (error) {
      if (last) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, waitMs * attempt));
  }
}

const RETRYABLE = new Set([409, 502, 503, 504]);
