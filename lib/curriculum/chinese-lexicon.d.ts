// chinese-lexicon ships no types. Only its CC-CEDICT dictionary module is loaded: the
// package's entry point also parses etymologies and frequency tables, ten times the work.
declare module 'chinese-lexicon/dictionary/index.js' {
  export type CedictEntry = {
    simp: string;
    trad: string;
    definitions: string[];
    /** Tone-marked, syllables joined by zero-width spaces. */
    pinyin: string;
    /** CC-CEDICT's numbered reading without spaces, e.g. "xie4xie5" or "nu:3er2". */
    pinyinTones: string;
  };
  const entries: CedictEntry[];
  export default entries;
}
