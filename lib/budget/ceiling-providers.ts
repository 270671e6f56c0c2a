import type { TutorProvider } from '@/lib/ai/provider';
import type { SpeechProvider } from '@/lib/tts/speech-provider';
import type { SpendingCeiling } from './spending-ceiling';

/**
 * The paid engines behind their ceiling. Only real upstream calls are charged: a cache hit or a
 * stored file never reaches the provider, so it costs nothing and is never refused.
 */
export function speechWithinCeiling(
  provider: SpeechProvider,
  ceiling: SpendingCeiling,
): SpeechProvider {
  return {
    name: provider.name,
    voices: () => provider.voices(),
    defaultVoice: provider.defaultVoice,
    defaultFormat: provider.defaultFormat,
    maxInputBytes: provider.maxInputBytes,
    async synthesize(request, signal) {
      // Google bills speech per character.
      await ceiling.charge([...request.text].length);
      return provider.synthesize(request, signal);
    },
  };
}

export function tutorWithinCeiling(
  provider: TutorProvider,
  ceiling: SpendingCeiling,
): TutorProvider {
  return {
    name: provider.name,
    async *stream(request) {
      await ceiling.charge(1);
      yield* provider.stream(request);
    },
  };
}
