import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import type { CedictEntry } from 'chinese-lexicon/dictionary/index.js';

export type { CedictEntry };

export type Lexicon = {
  /** The official HSK 2.0 word lists, level 1 first, in the package's (frequency) order. */
  hskWords: string[][];
  /** CC-CEDICT entries by simplified hanzi. */
  entriesOf(hanzi: string): CedictEntry[];
};

const require = createRequire(import.meta.url);

// chinese-lexicon keeps the HSK word lists in statistics/hsk.js as a module-private array
// and exports only a "which level is this text" function, which answers for any word made of
// HSK characters. Evaluating the data file in an empty context and reading the array is the
// only way to get the lists themselves.
async function readHskWordLists(): Promise<string[][]> {
  const source = await readFile(require.resolve('chinese-lexicon/statistics/hsk.js'), 'utf8');
  const lists: unknown = runInNewContext(`${source}\n;hsk`, { module: {} });
  if (!Array.isArray(lists) || !lists.every((list) => Array.isArray(list))) {
    throw new Error('chinese-lexicon: statistics/hsk.js no longer defines the HSK word lists');
  }
  return lists as string[][];
}

/** Loads the HSK lists and the CC-CEDICT dictionary shipped in the chinese-lexicon package. */
export async function loadLexicon(): Promise<Lexicon> {
  const [hskWords, { default: entries }] = await Promise.all([
    readHskWordLists(),
    import('chinese-lexicon/dictionary/index.js'),
  ]);
  const bySimplified = new Map<string, CedictEntry[]>();
  for (const entry of entries) {
    const list = bySimplified.get(entry.simp) ?? [];
    list.push(entry);
    bySimplified.set(entry.simp, list);
  }
  return { hskWords, entriesOf: (hanzi) => bySimplified.get(hanzi) ?? [] };
}
