import { credentials, status as grpcStatus } from '@grpc/grpc-js';
import { TextToSpeechClient } from '@google-cloud/text-to-speech';
import { untilAborted } from '@/lib/async/deadline';
import { contentTypeOf, type AudioFormat } from './audio-format';
import { DEFAULT_GOOGLE_VOICE, GOOGLE_MANDARIN_VOICES } from './google-voices';
import { SpeechConfigError, SpeechProviderError, SpeechTimeoutError } from './speech-errors';
import type { SpeechProvider, SynthesisRequest } from './speech-provider';

// Google refuses more than 5,000 bytes of input in one request.
const GOOGLE_MAX_INPUT_BYTES = 5_000;
const DEFAULT_TIMEOUT_MS = 10_000;

const ENCODINGS: Partial<Record<AudioFormat, 'MP3' | 'OGG_OPUS'>> = { mp3: 'MP3', ogg: 'OGG_OPUS' };

export interface GoogleProviderOptions {
  /**
   * `host:port` of a plain-text gRPC endpoint that speaks Google's API (a local server or an
   * emulator). Absent: Google's own endpoint over TLS, authenticated from `credentialsFile` or
   * the environment's Application Default Credentials.
   */
  endpoint?: string;
  /** Service-account key file (GOOGLE_APPLICATION_CREDENTIALS). */
  credentialsFile?: string;
  defaultVoice?: string;
  format?: 'mp3' | 'ogg';
  /** Deadline of one synthesis call; the call is not retried, so this bounds the wait. */
  timeoutMs?: number;
}

function clientOptions({ endpoint, credentialsFile }: GoogleProviderOptions) {
  // Naming the universe stops the client probing Google's metadata server first, which stalls
  // the first call by seconds on machines outside Google Cloud.
  const base = { universeDomain: 'googleapis.com' };
  if (!endpoint) return { ...base, ...(credentialsFile && { keyFilename: credentialsFile }) };
  const match = /^(?<host>\[[^\]]+\]|[^:\s]+):(?<port>\d{1,5})$/.exec(endpoint);
  if (!match?.groups) {
    throw new SpeechConfigError('endpoint', `Expected host:port, got ${JSON.stringify(endpoint)}`);
  }
  return {
    ...base,
    apiEndpoint: match.groups.host,
    port: Number(match.groups.port),
    sslCreds: credentials.createInsecure(),
  };
}

function toSpeechError(error: unknown, signal: AbortSignal | undefined): SpeechProviderError {
  const code = (error as { code?: unknown }).code;
  if (signal?.aborted || code === grpcStatus.DEADLINE_EXCEEDED || code === grpcStatus.CANCELLED) {
    return new SpeechTimeoutError('google', { cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new SpeechProviderError('google', `Google Text-to-Speech failed: ${detail}`, {
    cause: error,
  });
}

/** Google Cloud Text-to-Speech through Google's own client library, Mandarin voices only. */
export function createGoogleProvider(options: GoogleProviderOptions = {}) {
  const {
    defaultVoice = DEFAULT_GOOGLE_VOICE,
    format = 'mp3',
    timeoutMs = DEFAULT_TIMEOUT_MS,
  } = options;
  if (!GOOGLE_MANDARIN_VOICES.some((voice) => voice.name === defaultVoice)) {
    throw new SpeechConfigError(
      'voice',
      `Unknown Google Mandarin voice ${JSON.stringify(defaultVoice)}; expected a cmn-CN Standard, Wavenet or Chirp3-HD voice such as ${DEFAULT_GOOGLE_VOICE}`,
    );
  }
  const client = new TextToSpeechClient(clientOptions(options));

  const provider = {
    name: 'google',
    defaultVoice,
    defaultFormat: format,
    maxInputBytes: GOOGLE_MAX_INPUT_BYTES,
    voices: () => GOOGLE_MANDARIN_VOICES,

    async synthesize(request: SynthesisRequest, signal?: AbortSignal) {
      const audioEncoding = ENCODINGS[request.format];
      if (!audioEncoding) {
        throw new SpeechProviderError('google', `Google does not produce ${request.format} here`);
      }
      signal?.throwIfAborted();
      // Retries are off: the deadline is the whole wait, and the cache's lease already stops a
      // crowd of callers from retrying at once.
      const call = client.synthesizeSpeech(
        {
          input: { text: request.text },
          voice: { languageCode: 'cmn-CN', name: request.voice },
          audioConfig: { audioEncoding, speakingRate: request.speed },
        },
        { timeout: timeoutMs, retry: null },
      );
      try {
        // The client's promise cannot be cancelled (its `.then` wrapper drops gax's `cancel`), so
        // an abort stops the wait here and the abandoned call ends at its own deadline.
        const [response] = await (signal ? untilAborted(call, signal) : call);
        const audio = response.audioContent;
        if (!audio || audio.length === 0) {
          throw new SpeechProviderError('google', 'Google returned no audio');
        }
        return {
          audio: typeof audio === 'string' ? Buffer.from(audio, 'base64') : Buffer.from(audio),
          contentType: contentTypeOf(request.format),
        };
      } catch (error) {
        throw error instanceof SpeechProviderError ? error : toSpeechError(error, signal);
      }
    },

    close: () => client.close(),
  } satisfies SpeechProvider & { close(): Promise<void> };
  return provider;
}
