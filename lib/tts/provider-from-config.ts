import { ConfigError, type AppConfig } from '@/lib/config';
import { createEspeakProvider } from './espeak-provider';
import { createGoogleProvider } from './google-provider';
import { SpeechConfigError } from './speech-errors';
import { hasVoice, type SpeechProvider } from './speech-provider';

type SpeechSettings = Pick<
  AppConfig,
  'TTS_PROVIDER' | 'TTS_VOICE' | 'GOOGLE_TTS_ENDPOINT' | 'GOOGLE_APPLICATION_CREDENTIALS'
>;

const VARIABLE_OF_OPTION = {
  voice: 'TTS_VOICE',
  endpoint: 'GOOGLE_TTS_ENDPOINT',
  format: 'TTS_PROVIDER',
};

/**
 * TTS_PROVIDER when set; otherwise Google when Google settings are present, else the embedded
 * espeak-ng voice, so the app speaks with no account and no network.
 */
export function speechProviderFromConfig(settings: SpeechSettings): SpeechProvider {
  const useGoogle = settings.TTS_PROVIDER
    ? settings.TTS_PROVIDER === 'google'
    : Boolean(settings.GOOGLE_TTS_ENDPOINT || settings.GOOGLE_APPLICATION_CREDENTIALS);
  try {
    if (useGoogle) {
      return createGoogleProvider({
        endpoint: settings.GOOGLE_TTS_ENDPOINT,
        credentialsFile: settings.GOOGLE_APPLICATION_CREDENTIALS,
        defaultVoice: settings.TTS_VOICE,
      });
    }
    const espeak = createEspeakProvider();
    if (settings.TTS_VOICE && !hasVoice(espeak, settings.TTS_VOICE)) {
      throw new SpeechConfigError(
        'voice',
        `espeak has no voice ${JSON.stringify(settings.TTS_VOICE)}; expected ${espeak.defaultVoice}`,
      );
    }
    return espeak;
  } catch (error) {
    if (error instanceof SpeechConfigError) {
      throw new ConfigError([`${VARIABLE_OF_OPTION[error.option]}: ${error.message}`]);
    }
    throw error;
  }
}
