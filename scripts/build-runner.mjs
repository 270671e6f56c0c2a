// Bundles the app runner (configuration check, embedded database, migrations, seed, then
// `next start`) into one plain ES module, so production runs it with Node alone: no tsx and no
// Prisma CLI at run time. `npm run build` calls this after `next build`, which empties `.next`.
// The output sits two folders below the repository root, as `lib/db/paths.ts` expects.
import { build } from 'esbuild';

await build({
  entryPoints: ['scripts/run-app.ts'],
  outfile: '.next/runner/run-app.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Dependencies load from node_modules at run time, as they do for Next's own server bundle.
  packages: 'external',
  logLevel: 'warning',
});
