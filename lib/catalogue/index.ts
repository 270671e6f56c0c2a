export type { CatalogueLesson } from './schemas';
