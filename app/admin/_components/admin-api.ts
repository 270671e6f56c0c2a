import type { ApiErrorBody } from '@/lib/http/errors';

/** A failed admin API call, with the server's error code and the field it named, if any. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/**
 * Same-origin fetch of an admin API: a GET, or a JSON POST when there is a body. Mutations carry
 * the session's CSRF token. Failures throw an AdminApiError carrying the server's error code.
 */
export async function adminFetch<T>(
  path: string,
  options: { body?: unknown; csrfToken?: string } = {},
): Promise<T> {
  const post = options.body !== undefined;
  const response = await fetch(path, {
    method: post ? 'POST' : 'GET',
    headers: {
      Accept: 'application/json',
      ...(post && { 'Content-Type': 'application/json' }),
      ...(options.csrfToken && { 'X-CSRF-Token': options.csrfToken }),
    },
    body: post ? JSON.stringify(options.body) : undefined,
    cache: 'no-store',
  });
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as ApiErrorBody | null)?.error;
    const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
    throw new AdminApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `Request failed (${response.status})`,
      retryAfter,
    );
  }
  return payload as T;
}
