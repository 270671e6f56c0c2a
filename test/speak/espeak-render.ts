import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import ESpeakNg from 'espeak-ng';
import type { Tone } from '@/lib/speak/expected-tones';
import { decodeWav, type Recording } from '@/lib/speak/wav';

// The app's offline voice (lib/tts/espeak-provider.ts) at its normal speed.
export const ESPEAK_VOICE = 'cmn-latn-pinyin';
const OUTPUT_FILE = 'out.wav';
const PHONEME_FILE = 'phonemes.txt';

// What the test renderer calls in the module's own exports (Emscripten's C entry point and heap).
type EspeakExports = {
  memory: WebAssembly.Memory;
  malloc(bytes: number): number;
  __main_argc_argv(argc: number, argv: number): number;
};

/**
 * Starting the espeak-ng module costs ~0.4 s (an 18 MB instance and its embedded files), the
 * speech itself ~50 ms. So the tests start it once, keep a copy of its memory from before its
 * program ever ran, and for each rendering put that copy back and run the program again: every
 * run starts from the same state as a fresh instance (its output is byte for byte the same,
 * checked in test/speak/espeak-phrases.test.ts), and all of HSK 1 renders in seconds.
 */
async function startEspeak() {
  const wasmPath = createRequire(import.meta.url)
    .resolve('espeak-ng')
    .replace(/\.js$/, '.wasm');
  const wasm = await readFile(wasmPath);
  let exports: EspeakExports | undefined;
  const instance = await ESpeakNg({
    arguments: [],
    noInitialRun: true,
    print: () => {},
    printErr: () => {},
    instantiateWasm: (imports, done) => {
      void WebAssembly.instantiate(wasm, imports).then(({ instance: wasmInstance, module }) => {
        exports = wasmInstance.exports as unknown as EspeakExports;
        done(wasmInstance, module);
      });
      return {};
    },
  });
  if (!exports) throw new Error('espeak-ng started without its WASM exports');
  const program = exports;
  const pristine = new Uint8Array(program.memory.buffer).slice();

  return (args: string[], outputFile: string): Uint8Array => {
    const heap = new Uint8Array(program.memory.buffer);
    heap.set(pristine);
    heap.fill(0, pristine.length);
    const encoder = new TextEncoder();
    const argv = ['espeak-ng', ...args].map((arg) => {
      const bytes = encoder.encode(`${arg}\0`);
      const pointer = program.malloc(bytes.length);
      new Uint8Array(program.memory.buffer, pointer, bytes.length).set(bytes);
      return pointer;
    });
    const table = program.malloc(4 * (argv.length + 1));
    new Uint32Array(program.memory.buffer, table, argv.length + 1).set([...argv, 0]);
    const status = program.__main_argc_argv(argv.length, table);
    if (status !== 0) throw new Error(`espeak-ng exited with ${status}`);
    return instance.FS.readFile(outputFile).slice();
  };
}

let espeak: ReturnType<typeof startEspeak> | undefined;

/** The program's arguments for `text`, as the app's provider passes them. */
export function espeakArguments(text: string, { monotone = false } = {}): string[] {
  return [
    '-v',
    ESPEAK_VOICE,
    '-s',
    '175',
    ...(monotone ? ['-P', '0'] : []),
    '-w',
    OUTPUT_FILE,
    '--',
    text,
  ];
}

/**
 * The offline voice's rendering of `text`, as the app serves it; with `monotone`, espeak-ng's
 * pitch range set to 0, so every syllable is said on one note (the sound of ignoring tones).
 */
export async function renderWithEspeak(
  text: string,
  options: { monotone?: boolean } = {},
): Promise<Recording> {
  espeak ??= startEspeak();
  return decodeWav((await espeak)(espeakArguments(text, options), OUTPUT_FILE));
}

/** The phonemes the offline voice says for `text`, with its tones as digits (`ni35`). */
export async function espeakPhonemes(text: string): Promise<string> {
  espeak ??= startEspeak();
  const args = ['-q', '-x', '--phonout', PHONEME_FILE, '-v', ESPEAK_VOICE, '--', text];
  return new TextDecoder().decode((await espeak)(args, PHONEME_FILE)).trim();
}

// The offline voice writes each syllable's tone as Chao tone letters: 55 high level, 35 rising,
// 21 or 214 low (dipping), 51 or 53 falling, and 11-44 for a neutral syllable at the height the
// syllable before leaves it.
const TONE_OF_LETTERS: Record<string, Tone> = {
  '55': 1,
  '35': 2,
  '21': 3,
  '214': 3,
  '51': 4,
  '53': 4,
  '11': 5,
  '22': 5,
  '33': 5,
  '44': 5,
};

/**
 * The tones the offline voice actually says for `text`, read from its own phonemes: not always
 * the dictionary's (it says 个 and the 面 of 前面 as neutral syllables, 喂 as wèi). Undefined where
 * it reads part of the text as English (it spells the tone digits of 儿 words out as "three",
 * "five": upstream issue 1236) or where its syllables do not match `syllableCount`.
 */
export async function espeakSaidTones(
  text: string,
  syllableCount: number,
): Promise<Tone[] | undefined> {
  const phonemes = await espeakPhonemes(text);
  if (phonemes.includes('(en)')) return undefined;
  const tones = (phonemes.match(/\d+/g) ?? []).map((letters) => TONE_OF_LETTERS[letters]);
  if (tones.length !== syllableCount || tones.some((tone) => tone === undefined)) return undefined;
  return tones as Tone[];
}
