/**
 * How many never-seen phrases a learner is introduced to per UTC day, unless configured
 * otherwise. Kept free of imports so lib/config can use it without pulling in the scheduler.
 */
export const DEFAULT_NEW_CARDS_PER_DAY = 10;
