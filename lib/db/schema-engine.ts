import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import {
  catalogReadingAdapterFactory,
  catalogReadingPool,
  type ShadowDatabase,
} from './catalog-reading-adapter';

// The package's entry point imports its .wasm file as an ES module, which Node 20 only allows
// behind --experimental-wasm-modules. Instantiating the same file by hand and handing it to
// the wasm-bindgen glue gives the same engine with no flag for whoever runs our scripts.
let loaded: Promise<typeof glue> | undefined;

// The engine writes the message of a Rust panic here just before it traps (often outside any
// promise we could catch); without the registry the panic shows as an unrelated TypeError.
const panicRegistry = globalThis as typeof globalThis & {
  PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void };
};

// The engine arms timers (timeouts around its database calls) that it never clears; left as
// they are, they keep a finished script alive for a quarter of a minute. Unref'd, they still
// fire while there is work, and let the process exit once there is none.
function withUnrefTimers(imports: WebAssembly.ModuleImports): WebAssembly.ModuleImports {
  const patched = { ...imports };
  for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    patched[name] = (callback: () => void, delay: number) =>
      setTimeout(callback, delay >>> 0).unref();
  }
  return patched;
}

function loadSchemaEngineWasm(): Promise<typeof glue> {
  loaded ??= (async () => {
    panicRegistry.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (message) => console.error(`Prisma schema engine ${message}`),
    };
    const require = createRequire(import.meta.url);
    const packageDir = dirname(require.resolve('@prisma/schema-engine-wasm'));
    const bytes = await readFile(join(packageDir, 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': withUnrefTimers(glue as unknown as WebAssembly.ModuleImports),
    });
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start(): void };
    glue.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
    return glue;
  })();
  return loaded;
}

// The engine validates a schema before anything else; applying migrations needs nothing from
// it but the provider.
const PROVIDER_ONLY_SCHEMA: [string, string] = [
  'schema.prisma',
  'datasource db {\n  provider = "postgresql"\n}\n',
];

export type SchemaEngineOptions = {
  /** Schema files the engine starts with, as [fileName, content]; by default only the provider. */
  datamodels?: [string, string][];
  /**
   * Where the engine replays migrations when it needs a scratch database. By default it
   * creates (and drops) one on the same server; a throwaway database can serve as its own.
   */
  shadowDatabase?: ShadowDatabase;
};

/**
 * Runs `work` with a WASM schema engine connected to `url`, then releases the engine and its
 * connections so that scripts exit promptly.
 */
export async function withSchemaEngine<T>(
  url: string,
  work: (engine: SchemaEngine) => Promise<T>,
  {
    datamodels = [PROVIDER_ONLY_SCHEMA],
    shadowDatabase = 'create-on-server',
  }: SchemaEngineOptions = {},
): Promise<T> {
  const { SchemaEngine } = await loadSchemaEngineWasm();
  const pool = catalogReadingPool(url);
  const factory = catalogReadingAdapterFactory(pool, shadowDatabase);
  // The engine reports progress through this callback; failures come back as rejections.
  const ignoreProgressLogs = () => {};
  const engine = await SchemaEngine.new(
    { datamodels },
    ignoreProgressLogs,
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await work(engine);
  } finally {
    engine.free();
    await pool.end();
  }
}
