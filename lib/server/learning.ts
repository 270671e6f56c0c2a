import { createCatalogueService } from '@/lib/catalogue/service';
import { config } from '@/lib/config';
import { createProgress } from '@/lib/progress';
import { appCache, prisma } from './connections';
import { processWide } from './process-wide';

/** Learners' progress: due cards, reviews, practice, summaries. */
export const appProgress = processWide('tingshuoProgress', () =>
  createProgress({ db: prisma(), cache: appCache(), newCardsPerDay: config().NEW_CARDS_PER_DAY }),
);

/** The lesson catalogue. */
export const catalogueService = processWide('tingshuoCatalogue', () =>
  createCatalogueService({ cache: appCache(), db: prisma() }),
);
