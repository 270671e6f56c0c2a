import type { PrismaClient } from '@/lib/db/generated/client';
import { beginPhraseWrite } from './phrase-write';

export interface PracticeInput {
  learnerId: string;
  phraseId: number;
  /** 0-100, as "Say it" scored it in the browser. */
  score: number;
  /** The expected tone (1-5) of each syllable said wrong. */
  missedTones: number[];
}

/** Saves one "Say it" result; practising before ever reviewing creates the learner too. */
export async function recordPractice(
  db: PrismaClient,
  { learnerId, phraseId, score, missedTones }: PracticeInput,
  now: Date,
): Promise<void> {
  await db.$transaction(async (tx) => {
    await beginPhraseWrite(tx, { learnerId, phraseId }, now);
    await tx.speakingPractice.create({
      data: { learnerId, phraseId, score, missedTones, practisedAt: now },
    });
  });
}

/** The learner's "Say it" record: how many phrases said aloud, and the tones missed most. */
export async function loadSpeakingSummary(db: PrismaClient, learnerId: string) {
  const [practisedAloud, missed] = await Promise.all([
    db.speakingPractice.count({ where: { learnerId } }),
    db.$queryRaw<{ tone: number; misses: bigint }[]>`
      SELECT tone, count(*) AS misses
      FROM "SpeakingPractice", unnest("missedTones") AS tone
      WHERE "learnerId" = ${learnerId}::uuid
      GROUP BY tone
      ORDER BY misses DESC, tone ASC`,
  ]);
  return {
    practisedAloud,
    missedTones: missed.map((row) => ({ tone: Number(row.tone), misses: Number(row.misses) })),
  };
}
