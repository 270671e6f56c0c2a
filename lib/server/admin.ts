import { createAppAdmin } from '@/lib/admin/app-admin';
import { config } from '@/lib/config';
import { adminRedis, appCache, prisma } from './connections';
import { appRateLimiters, appSavings } from './counters';
import { processWide } from './process-wide';

/** The admin area: `appAdmin().handlers` for the /api/admin routes, `.auth` for the pages. */
export const appAdmin = processWide('tingshuoAdmin', () =>
  createAppAdmin({
    settings: config(),
    cache: appCache(),
    db: prisma(),
    redis: adminRedis(),
    savings: appSavings(),
    spending: Object.values(appRateLimiters().spending),
  }),
);
