/**
 * One JSON error shape for every route: `{"error": {"code", "message", "field"?}}`, so clients
 * (and tests) can tell which input was wrong without parsing prose.
 */
export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  options: { field?: string; headers?: HeadersInit } = {},
): Response {
  const body: ApiErrorBody = {
    error: { code, message, ...(options.field && { field: options.field }) },
  };
  return Response.json(body, { status, headers: options.headers });
}
