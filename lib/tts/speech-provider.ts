import type { AudioFormat } from './audio-format';

export interface VoiceInfo {
  /** The provider's own voice name, e.g. `cmn-CN-Wavenet-A`. */
  name: string;
  /** BCP-47 language code the voice speaks. */
  languageCode: string;
  gender: 'female' | 'male' | 'neutral';
}

export interface SynthesisRequest {
  text: string;
  voice: string;
  /** 1 is the voice's normal pace; 0.75 is what learners use for "slower". */
  speed: number;
  format: AudioFormat;
}

export interface SynthesisResult {
  audio: Buffer;
  contentType: string;
}

/**
 * A text-to-speech engine. Implementations throw the typed errors from `./speech-errors`
 * (never a library's own error), so callers can map failures to HTTP statuses without knowing
 * which engine is behind the interface.
 */
export interface SpeechProvider {
  /** Stable id; part of every cache key, so two engines never share audio. */
  readonly name: string;
  voices(): readonly VoiceInfo[];
  readonly defaultVoice: string;
  readonly defaultFormat: AudioFormat;
  /** Largest input, in UTF-8 bytes, one request may carry. */
  readonly maxInputBytes: number;
  synthesize(request: SynthesisRequest, signal?: AbortSignal): Promise<SynthesisResult>;
}

export function hasVoice(provider: SpeechProvider, voice: string): boolean {
  return provider.voices().some((info) => info.name === voice);
}
