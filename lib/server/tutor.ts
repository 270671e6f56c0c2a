import { createAppTutor } from '@/lib/ai/app-tutor';
import { config } from '@/lib/config';
import { appCache, prisma } from './connections';
import { appRateLimiters, appSavings } from './counters';
import { processWide } from './process-wide';

/** The AI tutor (one in-flight reply table per process). */
export const appTutor = processWide('tingshuoTutor', () =>
  createAppTutor({
    settings: config(),
    cache: appCache(),
    db: prisma(),
    ceiling: appRateLimiters().spending.ai,
    savings: appSavings(),
  }),
);
