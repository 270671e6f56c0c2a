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
  }
  export default function ESpeakNg(options: ESpeakNgOptions): Promise<ESpeakNgInstance>;
}
