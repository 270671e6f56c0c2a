// Runs `prisma generate` without network access. It is plain JavaScript because npm's
// postinstall runs it before anything (tsx included) can be assumed to work.
//
// The Prisma CLI fetches its native schema engine on start-up, even for `generate`, which
// never runs it. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips that
// download; migrations go through @prisma/schema-engine-wasm instead (lib/db/migrate.ts).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
let prismaPackage;
try {
  prismaPackage = require.resolve('prisma/package.json');
} catch {
  // A production install with `--omit=dev --omit=optional` has no Prisma CLI, and needs none: the
  // client was generated where the app was built, and `next build` and the runner bundled it.
  // (`--omit=dev` alone still installs the CLI, as an optional peer of @prisma/client.)
  console.log('prisma-generate: the Prisma CLI is not installed (production install); skipped');
  process.exit(0);
}
const prismaCli = join(dirname(prismaPackage), 'build', 'index.js');
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

const result = spawnSync(process.execPath, [prismaCli, 'generate'], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? prismaCli,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});

process.exit(result.status ?? 1);
