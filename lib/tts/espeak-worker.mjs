// @ts-check (for editors: the project's tsc skips JavaScript; types come from espeak-ng.d.ts)
// The espeak-ng engine's thread (see espeak-worker-pool.ts). Plain JavaScript on purpose: under
// `tsx` on Node 20 a worker thread gets no TypeScript loader, while Turbopack bundles this file
// as its own worker chunk for `next dev` and `next build` alike.
//
// Job:   { args: string[], outputFile: string }: espeak-ng's command line and the file it writes.
// Reply: { ok: true, output: Uint8Array } (its buffer transferred, not copied), or
//        { ok: false, reason: 'not-installed' | 'failed', message: string }.
import { parentPort } from 'node:worker_threads';

/** @type {Promise<typeof import('espeak-ng').default> | undefined} */
let loading;

// espeak-ng is GPL and 18 MB of WASM: imported on the first job only, so an install without the
// optional package still starts and answers each job with `not-installed`.
function engine() {
  loading ??= import('espeak-ng').then(
    (module) => module.default,
    (error) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** @param {{ args: string[], outputFile: string }} job */
async function run({ args, outputFile }) {
  let factory;
  try {
    factory = await engine();
  } catch (error) {
    parentPort?.postMessage({ ok: false, reason: 'not-installed', message: String(error) });
    return;
  }
  /** @type {string[]} */
  const errors = [];
  try {
    // A fresh instance per job: the program runs once, on instantiation, with these arguments.
    const instance = await factory({
      arguments: args,
      print: () => {},
      printErr: (line) => errors.push(line),
    });
    const output = instance.FS.readFile(outputFile);
    // Emscripten's readFile copies the file into its own buffer, so moving it is safe.
    parentPort?.postMessage({ ok: true, output }, [/** @type {ArrayBuffer} */ (output.buffer)]);
  } catch (error) {
    const message = errors.join(' ') || String(error);
    parentPort?.postMessage({ ok: false, reason: 'failed', message });
  }
}

parentPort?.on('message', run);
