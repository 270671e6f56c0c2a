// The espeak-ng package ships no types: this is the part of its Emscripten module we use.
declare module 'espeak-ng' {
  export interface ESpeakNgInstance {
    FS: {
      readFile(path: string): Uint8Array;
      readFile(path: string, options: { encoding: 'utf8' }): string;
    };
  }
  export interface ESpeakNgOptions {
    /** Command-line arguments of the `espeak-ng` program; it runs once on instantiation. */
    arguments: string[];
    print?: (line: string) => void;
    printErr?: (line: string) => void;
    /** Instantiate without running the program (the test renderer runs it itself, many times). */
    noInitialRun?: boolean;
    /** Emscripten's hook to instantiate the WASM module yourself; return {} and call `done`. */
    instantiateWasm?: (
      imports: WebAssembly.Imports,
      done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
    ) => object;
  }
  export default function ESpeakNg(options: ESpeakNgOptions): Promise<ESpeakNgInstance>;
}
