import { connection } from 'next/server';
import { appCache } from '@/lib/app-cache';
import { prisma } from '@/lib/db/client';
import { checkHealth } from '@/lib/health/check-health';
import { noteDatabaseHealth } from '@/lib/http/route-errors';
import { otherMethods } from '@/lib/http/other-methods';

export async function GET() {
  // Live state on every request: with Cache Components a GET that reads no request would be
  // prerendered once at build time.
  await connection();
  const report = await checkHealth({ db: prisma(), cache: appCache() });
  noteDatabaseHealth(report.db === 'up');
  return Response.json(report, {
    status: report.db === 'up' ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
