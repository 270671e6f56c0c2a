import { z } from 'zod';
import { normaliseSpeechText } from './speech-key';
import { hasVoice, type SpeechProvider } from './speech-provider';

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 2;

const VOICES_NAMED_IN_ERRORS = 4;

/**
 * What a caller may ask to hear, for one provider (its voices and input limit differ). The text
 * is normalised here, so the limit applies to what is actually sent to the engine.
 */
export function speechRequestSchema(provider: SpeechProvider) {
  const voiceNames = provider.voices().map((voice) => voice.name);
  const examples = voiceNames.slice(0, VOICES_NAMED_IN_ERRORS).join(', ');
  return z.object({
    text: z
      .string({ error: 'must be a string' })
      .transform(normaliseSpeechText)
      .pipe(
        z
          .string()
          .min(1, 'must not be empty')
          .refine((text) => Buffer.byteLength(text, 'utf8') <= provider.maxInputBytes, {
            error: `must be at most ${provider.maxInputBytes} bytes of UTF-8`,
          }),
      ),
    voice: z
      .string({ error: 'must be a string' })
      .refine((voice) => hasVoice(provider, voice), {
        error: `unknown voice for ${provider.name}; expected one of ${examples}${voiceNames.length > VOICES_NAMED_IN_ERRORS ? ', ...' : ''}`,
      })
      .optional(),
    speed: z
      .number({ error: 'must be a number' })
      .min(MIN_SPEED, `must be at least ${MIN_SPEED}`)
      .max(MAX_SPEED, `must be at most ${MAX_SPEED}`)
      .optional(),
  });
}

export type SpeechRequest = z.input<ReturnType<typeof speechRequestSchema>>;
