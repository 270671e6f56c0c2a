import { metricsRegistry } from '@/lib/metrics/registry';
import { otherMethods } from '@/lib/http/other-methods';
import { atRequestTime } from '@/lib/request-time';

export async function GET() {
  await atRequestTime();
  const registry = metricsRegistry();
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
