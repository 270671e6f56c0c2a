/**
 * Failures of speech synthesis, typed so routes map them to statuses without string matching:
 * SpeechInputError → 400 (names the field), SpeechTimeoutError → 504, SpeechProviderError → 502.
 */
export class SpeechInputError extends Error {
  override readonly name = 'SpeechInputError';
  constructor(
    readonly field: 'text' | 'voice' | 'speed',
    message: string,
  ) {
    super(message);
  }
}

/** The engine failed or answered something unusable. */
export class SpeechProviderError extends Error {
  override readonly name: string = 'SpeechProviderError';
  constructor(
    readonly provider: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The engine did not answer in time (or the caller gave up). */
export class SpeechTimeoutError extends SpeechProviderError {
  override readonly name = 'SpeechTimeoutError';
  constructor(provider: string, options?: { cause?: unknown }) {
    super(provider, `${provider} speech synthesis timed out`, options);
  }
}

/** A provider was set up with an option it cannot honour (an unknown default voice, say). */
export class SpeechConfigError extends Error {
  override readonly name = 'SpeechConfigError';
  constructor(
    readonly option: 'voice' | 'format' | 'endpoint',
    message: string,
  ) {
    super(message);
  }
}
