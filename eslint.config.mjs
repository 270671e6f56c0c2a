import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/** lib/cache is one module to the rest of the app: its index is the only door. */
const cacheInternals = {
  group: ['@/lib/cache/*', '!@/lib/cache/index'],
  message: 'Import from @/lib/cache (its index); the files behind it are the engine’s own.',
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Type-aware rules: a promise nobody awaits or handles is a lost error or a lost write.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test registers tests through promise-returning calls that the runner awaits.
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['lib/**/*.ts', 'lib/**/*.tsx'],
    ignores: ['lib/cache/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/app/*', '**/app/*'], message: 'lib/ never imports app/: pages call lib.' },
            cacheInternals,
          ],
        },
      ],
    },
  },
  {
    files: ['lib/cache/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['next', 'next/*', 'react', '@/*'], message: 'lib/cache is framework-free.' },
          ],
        },
      ],
    },
  },
  {
    files: ['app/**/*.ts', 'app/**/*.tsx', 'proxy.ts', 'instrumentation.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [cacheInternals] }],
      // cacheComponents refuses these route segment configs at build time; say so at lint time.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'ExportNamedDeclaration VariableDeclarator[id.name=/^(runtime|dynamic|revalidate|fetchCache)$/]',
          message: 'Route segment config is incompatible with cacheComponents (next.config.ts).',
        },
      ],
    },
  },
  globalIgnores([
    '.next/**',
    '.data/**',
    'node_modules/**',
    'lib/db/generated/**',
    'next-env.d.ts',
    'test-results/**',
    'playwright-report/**',
  ]),
]);
