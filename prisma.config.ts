import { defineConfig } from 'prisma/config';

// The Prisma CLI is only used here for `prisma generate` (and `prisma migrate deploy` where
// its native engine can be downloaded); the app applies migrations itself through the WASM
// schema engine (lib/db/migrate.ts). `generate` needs no database, so the URL may be absent.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
