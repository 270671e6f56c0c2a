// `npm run dev` / `npm start`: checks the configuration, provides a database (the embedded
// PGlite one when DATABASE_URL is unset), migrates it, seeds an empty catalogue, then runs
// `next dev` or `next start` with DATABASE_URL pointing at it.
import { spawn } from 'node:child_process';
import nextEnv from '@next/env';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { publishCatalogueChange } from '@/lib/catalogue/publish';
import type { AppConfig } from '@/lib/config';
import { createPrismaClient } from '@/lib/db/client';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '@/lib/db/embedded';
import { migrateDatabase } from '@/lib/db/migrate';
import { seedChangedContent, seedDatabase } from '@/lib/db/seed';
import { checkConfigOrExit } from '@/lib/startup/check-config';

const MODES = ['dev', 'start'] as const;
type Mode = (typeof MODES)[number];

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function prepareDatabase(url: string, settings: AppConfig): Promise<void> {
  const applied = await migrateDatabase(url);
  if (applied.length) console.log(`Database: applied ${applied.join(', ')}`);
  const prisma = createPrismaClient(url);
  try {
    // Seeding is idempotent and writes only differences, so a deploy with new lesson content
    // reaches an existing database without a manual step.
    const seeded = await seedDatabase(prisma);
    if (seedChangedContent(seeded)) {
      console.log(
        `Database: catalogue updated (${seeded.lessonsCreated + seeded.lessonsUpdated} lessons, ` +
          `${seeded.phrasesCreated + seeded.phrasesUpdated + seeded.phrasesDeleted} phrases)`,
      );
      await publishCatalogueChange(settings);
    }
  } finally {
    await prisma.$disconnect();
  }
}

function runNext(mode: Mode, args: string[], databaseUrl: string): Promise<number> {
  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
  const child = spawn(process.execPath, [nextBin, mode, ...args], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: '1' },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, forward);
  return new Promise((resolveExit) => {
    child.on('exit', (code, signal) => {
      // A child killed by a signal exits with the shell's convention, 128 + its number.
      resolveExit(code ?? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15));
    });
  });
}

async function main(): Promise<number> {
  const [mode, ...nextArgs] = process.argv.slice(2);
  if (!MODES.includes(mode as Mode))
    fail('usage: tsx scripts/run-app.ts <dev|start> [next options]');
  // Read .env.local and friends the way Next will, so both see the same DATABASE_URL.
  nextEnv.loadEnvConfig(process.cwd(), mode === 'dev', { info: () => {}, error: console.error });
  // `next start` always runs in production mode; check the configuration the same way.
  const nodeEnv = process.env.NODE_ENV || (mode === 'start' ? 'production' : 'development');
  const appConfig = checkConfigOrExit({ ...process.env, NODE_ENV: nodeEnv });

  let embedded: EmbeddedDatabase | undefined;
  if (!appConfig.DATABASE_URL) {
    const dataDir = resolve(appConfig.DATA_DIR, 'pglite');
    embedded = await startEmbeddedDatabase({ dataDir, port: appConfig.EMBEDDED_DB_PORT }).catch(
      (error: Error) => fail(error.message),
    );
    console.log(`Database: embedded PostgreSQL (PGlite) in ${dataDir}`);
  }
  const databaseUrl = appConfig.DATABASE_URL ?? embedded!.url;
  try {
    await prepareDatabase(databaseUrl, appConfig);
    return await runNext(mode as Mode, nextArgs, databaseUrl);
  } finally {
    await embedded?.stop();
  }
}

process.exitCode = await main();
