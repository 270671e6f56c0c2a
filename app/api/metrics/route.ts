import { connection } from 'next/server';
import { metricsRegistry } from '@/lib/metrics/registry';
import { otherMethods } from '@/lib/http/other-methods';

export async function GET() {
  // Live state on every request: with Cache Components a GET that reads no request would be
  // prerendered once at build time.
  await connection();
  const registry = metricsRegistry();
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
