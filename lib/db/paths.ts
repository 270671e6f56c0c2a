import { resolve } from 'node:path';

// Resolved from this file rather than the working directory, so that scripts and tests
// find them wherever they are started from.
export const PRISMA_DIR = resolve(import.meta.dirname, '../../prisma');
export const SCHEMA_PATH = resolve(PRISMA_DIR, 'schema.prisma');
export const MIGRATIONS_DIR = resolve(PRISMA_DIR, 'migrations');
