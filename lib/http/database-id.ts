import { z } from 'zod';

/** The largest value of a PostgreSQL `integer` (int4) column: ids such as `Phrase.id`. */
export const INT4_MAX = 2_147_483_647;

/**
 * A positive id that an `integer` column can hold. Anything larger would pass a plain integer
 * check and then fail inside PostgreSQL ("value out of range"): a 500 instead of the 400 it is.
 */
export function databaseId(message: string) {
  return z.int({ error: message }).positive({ error: message }).max(INT4_MAX, { error: message });
}
