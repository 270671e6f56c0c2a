import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, parseConfig } from '@/lib/config';
import { speechProviderFromConfig } from '@/lib/tts/provider-from-config';

const providerFor = (env: Record<string, string | undefined>) =>
  speechProviderFromConfig(parseConfig(env));

describe('choosing the speech provider from configuration', () => {
  it('speaks with the embedded offline voice when nothing is configured', () => {
    const provider = providerFor({});
    assert.equal(provider.name, 'espeak');
    assert.equal(provider.defaultFormat, 'wav');
  });

  it('uses Google when an endpoint or credentials are configured, with the configured voice', () => {
    const provider = providerFor({
      GOOGLE_TTS_ENDPOINT: '127.0.0.1:50051',
      TTS_VOICE: 'cmn-CN-Chirp3-HD-Puck',
    });
    assert.equal(provider.name, 'google');
    assert.equal(provider.defaultVoice, 'cmn-CN-Chirp3-HD-Puck');
    assert.equal(provider.maxInputBytes, 5_000);
  });

  it('names TTS_VOICE when the configured voice does not exist for the chosen provider', () => {
    for (const env of [
      { GOOGLE_TTS_ENDPOINT: '127.0.0.1:50051', TTS_VOICE: 'cmn-CN-Neural2-A' },
      { TTS_VOICE: 'en-us' },
    ]) {
      assert.throws(
        () => providerFor(env),
        (error: unknown) =>
          error instanceof ConfigError && /^TTS_VOICE:/.test(error.issues[0] ?? ''),
      );
    }
  });

  it('names GOOGLE_TTS_ENDPOINT when it is not host:port', () => {
    assert.throws(
      () => providerFor({ GOOGLE_TTS_ENDPOINT: 'https://texttospeech.googleapis.com' }),
      (error: unknown) =>
        error instanceof ConfigError && /^GOOGLE_TTS_ENDPOINT:/.test(error.issues[0] ?? ''),
    );
  });
});
