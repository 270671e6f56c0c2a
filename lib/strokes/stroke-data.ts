import { readFile } from 'node:fs/promises';
import path from 'node:path';

// hanzi-writer-data keeps one `<character>.json` per character at the root of its package. The
// folder is found from the app's root, not with require.resolve, which the bundler would turn
// into a module id rather than a path.
const DATA_FOLDER = path.join(process.cwd(), 'node_modules', 'hanzi-writer-data');

/** Exactly one Han character: the only names looked up, so no path can leave the data folder. */
export const SINGLE_HAN_CHARACTER = /^\p{Script=Han}$/u;

/**
 * The stroke data (outlines and medians, from Make Me a Hanzi) of one character, as the JSON text
 * hanzi-writer loads, or undefined when the package has none for it.
 */
export async function strokeData(character: string): Promise<string | undefined> {
  if (!SINGLE_HAN_CHARACTER.test(character)) return undefined;
  try {
    return await readFile(path.join(DATA_FOLDER, `${character}.json`), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
