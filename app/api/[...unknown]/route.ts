import { errorResponse } from '@/lib/http/errors';

/** Any `/api/*` path no route serves: the API's JSON 404 rather than the HTML not-found page. */
function notFound(): Response {
  return errorResponse(404, 'not_found', 'No API endpoint at this path.', {
    headers: { 'Cache-Control': 'no-store' },
  });
}

export const GET = notFound;
export const HEAD = () => new Response(null, { status: 404 });
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
