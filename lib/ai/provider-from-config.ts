import type { AppConfig } from '@/lib/config';
import type { PrismaClient } from '@/lib/db/generated/client';
import { loadCurriculumPhrases } from './lesson-context';
import { createOfflineTutor, OFFLINE_MODEL } from './offline/offline-tutor';
import { createOpenAiCompatibleProvider } from './openai-compatible-provider';
import type { TutorProvider } from './provider';

/** AI_BASE_URL picks a remote OpenAI-compatible endpoint; without it the offline tutor answers. */
export function tutorProviderFromConfig(
  settings: Pick<AppConfig, 'AI_BASE_URL' | 'AI_MODEL' | 'AI_API_KEY'>,
  db: PrismaClient,
): { provider: TutorProvider; model: string } {
  if (settings.AI_BASE_URL) {
    return {
      provider: createOpenAiCompatibleProvider({
        baseUrl: settings.AI_BASE_URL,
        apiKey: settings.AI_API_KEY,
      }),
      model: settings.AI_MODEL,
    };
  }
  return {
    provider: createOfflineTutor({ loadCurriculum: () => loadCurriculumPhrases(db) }),
    model: OFFLINE_MODEL,
  };
}
