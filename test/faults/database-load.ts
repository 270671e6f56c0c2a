import { randomUUID } from 'node:crypto';
import type { AppProcess } from '../support/app-process';
import { http, learnerCookie, type HttpResult } from './fixtures';

/**
 * Load on a fleet while its database misbehaves: workers that each act as one learner, spread
 * over the instances, reading progress and a lesson page and answering reviews the way the review
 * page does (one Idempotency-Key per rating, retried with it until it gets a final answer).
 */
export interface Answer {
  what: string;
  status: number;
  ms: number;
}

export interface ReviewAttempt {
  learnerId: string;
  key: string;
  statuses: number[];
}

export interface LoadRecord {
  answers: Answer[];
  reviews: ReviewAttempt[];
}

const RETRYABLE = new Set([0, 409, 503]);
const MAX_REVIEW_ATTEMPTS = 12;
const CLIENT_DEADLINE_MS = 15_000;

export function startLoad(options: {
  apps: AppProcess[];
  workers: number;
  phraseIds: number[];
  lessonSlug: string;
}): { record: LoadRecord; stop(): Promise<void> } {
  const record: LoadRecord = { answers: [], reviews: [] };
  let running = true;
  const note = (what: string, result: HttpResult) => {
    record.answers.push({ what, status: result.status, ms: result.ms });
    return result;
  };

  const worker = async (index: number) => {
    const app = options.apps[index % options.apps.length]!;
    const { learnerId, cookie } = learnerCookie();
    for (let round = 0; running; round += 1) {
      note(
        'GET /api/progress',
        await http(app, '/api/progress', { cookie, timeoutMs: CLIENT_DEADLINE_MS }),
      );
      note(
        'GET /lessons/[slug]',
        await http(app, `/lessons/${options.lessonSlug}`, {
          cookie,
          timeoutMs: CLIENT_DEADLINE_MS,
        }),
      );
      const attempt: ReviewAttempt = { learnerId, key: randomUUID(), statuses: [] };
      record.reviews.push(attempt);
      const json = { phraseId: options.phraseIds[round % options.phraseIds.length], rating: 3 };
      for (let tries = 0; tries < MAX_REVIEW_ATTEMPTS; tries += 1) {
        // A retry may land on another instance, as behind a load balancer.
        const target = options.apps[(index + tries) % options.apps.length]!;
        const result = note(
          'POST /api/reviews',
          await http(target, '/api/reviews', {
            cookie,
            json,
            headers: { 'idempotency-key': attempt.key },
            timeoutMs: CLIENT_DEADLINE_MS,
          }),
        );
        attempt.statuses.push(result.status);
        if (!RETRYABLE.has(result.status)) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  };

  const done = Promise.all(Array.from({ length: options.workers }, (_, i) => worker(i)));
  return {
    record,
    async stop() {
      running = false;
      await done;
    },
  };
}

/** Slices a record to what was answered from `from` (an index into `answers`) on. */
export function answersSince(record: LoadRecord, from: number): Answer[] {
  return record.answers.slice(from);
}
