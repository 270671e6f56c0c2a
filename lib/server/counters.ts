import { config } from '@/lib/config';
import { createAppRateLimiters } from '@/lib/rate-limit/app-rate-limits';
import { createSavingsLedger } from '@/lib/savings/ledger';
import { counterRedis } from './connections';
import { processWide } from './process-wide';

/** Per-learner and per-address limits on the paid routes, and the fleet-wide spending ceilings. */
export const appRateLimiters = processWide('tingshuoRateLimits', () =>
  createAppRateLimiters(config(), counterRedis()),
);

/** What cache hits saved upstream; speech and the tutor record, the admin dashboard reads. */
export const appSavings = processWide('tingshuoSavings', () =>
  createSavingsLedger({ redis: counterRedis(), prefix: config().CACHE_PREFIX }),
);
