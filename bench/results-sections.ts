import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';

/**
 * bench/RESULTS.md holds one `## ` section per benchmark (plus the cache benchmark's preamble).
 * Each run rewrites only its own sections, so `bench:cache` keeps `bench:app`'s results and the
 * other way round.
 */
export const RESULTS_FILE = path.join(import.meta.dirname, 'RESULTS.md');

/** Splits a document into its preamble and `## ` sections (heading line included). */
function sections(document: string): { preamble: string; parts: Map<string, string> } {
  const [preamble = '', ...rest] = `\n${document}`.split(/\n(?=## )/);
  const parts = new Map<string, string>();
  for (const part of rest) parts.set(part.slice(0, part.indexOf('\n')).trim(), part.trimEnd());
  return { preamble: preamble.trimEnd(), parts };
}

/**
 * Writes `update` into RESULTS.md: its preamble (when given) and its sections replace those of
 * the file; every other section stays as it was. Formatted as `npm run format:check` expects.
 */
export async function updateResults(update: string): Promise<void> {
  const existing = sections(await readFile(RESULTS_FILE, 'utf8').catch(() => ''));
  const incoming = sections(update);
  const preamble = incoming.preamble || existing.preamble;
  // Sections keep their place in the file; a new one goes at the end.
  const parts = new Map([...existing.parts, ...incoming.parts]);
  const document = [preamble, ...parts.values()].filter(Boolean).join('\n\n') + '\n';
  const options = { ...(await resolveConfig(RESULTS_FILE)), filepath: RESULTS_FILE };
  await writeFile(RESULTS_FILE, await format(document, options));
}
