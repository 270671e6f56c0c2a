import type { TutorPhrase } from '@/lib/ai/provider';
import { loadCurriculumPhrases } from '@/lib/ai/lesson-context';
import { tutorProviderFromConfig } from '@/lib/ai/provider-from-config';
import { createTestDatabase, type TestDatabase } from '../support/database';

/** The offline tutor as the app builds it (no AI endpoint), on the seeded curriculum. */
export interface SeededOfflineTutor {
  database: TestDatabase;
  curriculum: TutorPhrase[];
  /** The tutor's whole reply to one learner message, outside any lesson. */
  ask(message: string): Promise<string>;
}

export async function seededOfflineTutor(): Promise<SeededOfflineTutor> {
  const database = await createTestDatabase({ seed: true });
  const { provider: tutor } = tutorProviderFromConfig(
    { AI_BASE_URL: undefined, AI_MODEL: 'unused', AI_API_KEY: undefined },
    database.prisma,
  );
  const curriculum = await loadCurriculumPhrases(database.prisma);
  async function ask(message: string): Promise<string> {
    let reply = '';
    for await (const piece of tutor.stream({
      model: 'offline',
      messages: [{ role: 'user', content: message }],
      signal: new AbortController().signal,
    })) {
      reply += piece;
    }
    return reply;
  }
  return { database, curriculum, ask };
}
