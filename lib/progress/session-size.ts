/** How many cards one visit of the review page brings; the learner reloads for more. */
export const REVIEW_SESSION_SIZE = 20;
