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
 * Same-origin fetch of an admin API: the dashboard's reads, and the login form's JSON POST (the
 * dashboard's writes are Server Actions, app/admin/actions.ts). Failures throw an AdminApiError
 * carrying the server's error code.
 */
export async function adminFetch<T>(path: string, options: { body?: unknown } = {}): Promise<T> {
  const post = options.body !== undefined;
  const response = await fetch(path, {
    method: post ? 'POST' : 'GET',
    headers: {
      Accept: 'application/json',
      ...(post && { 'Content-Type': 'application/json' }),
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
