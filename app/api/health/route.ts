import { appCache, prisma } from '@/lib/server/connections';
import { checkHealth } from '@/lib/health/check-health';
import { noteDatabaseHealth } from '@/lib/http/route-errors';
import { otherMethods } from '@/lib/http/other-methods';
import { atRequestTime } from '@/lib/request-time';

export async function GET() {
  await atRequestTime();
  const report = await checkHealth({ db: prisma(), cache: appCache() });
  noteDatabaseHealth(report.db === 'up');
  return Response.json(report, {
    status: report.db === 'up' ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
