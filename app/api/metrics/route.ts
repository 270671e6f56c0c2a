import { config } from '@/lib/config';
import { bearerTokenFailure } from '@/lib/http/bearer-token';
import { metricsRegistry } from '@/lib/server/metrics';
import { otherMethods } from '@/lib/http/other-methods';
import { atRequestTime } from '@/lib/request-time';

/** Prometheus exposition; with METRICS_TOKEN set, only for `Authorization: Bearer <token>`. */
export async function GET(request: Request) {
  const refused = bearerTokenFailure(request, config().METRICS_TOKEN);
  if (refused) return refused;
  await atRequestTime();
  const registry = metricsRegistry();
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
