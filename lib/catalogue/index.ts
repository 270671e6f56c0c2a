import { appCache } from '@/lib/app-cache';
import { prisma } from '@/lib/db/client';
import { createCatalogueService, type CatalogueService } from './service';

export type { CatalogueService } from './service';
export type { CatalogueLesson } from './schemas';

let service: CatalogueService | undefined;

/** The app's catalogue, over the process's cache and database. */
export function catalogueService(): CatalogueService {
  service ??= createCatalogueService({ cache: appCache(), db: prisma() });
  return service;
}
