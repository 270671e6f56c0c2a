import { otherMethods } from '@/lib/http/other-methods';
import { atRequestTime } from '@/lib/request-time';

/**
 * A constant answer, run per request and touching nothing (no database, no cache): the cost of
 * Next's routing alone, which `npm run bench:use-cache` measures every page against. Unlike
 * /api/health it reports nothing about the process.
 */
export async function GET() {
  await atRequestTime();
  return Response.json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
