import { createHash } from 'node:crypto';
import type { AudioFormat } from './audio-format';

/**
 * The same phrase typed with different Unicode forms or spacing sounds the same, so it must map
 * to the same audio: NFC, trimmed, runs of whitespace collapsed to one space.
 */
export function normaliseSpeechText(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

export interface SpeechKeyParts {
  provider: string;
  voice: string;
  speed: number;
  format: AudioFormat;
  text: string;
}

// Bumped if the parts or their encoding ever change, so old and new keys cannot collide.
const KEY_SCHEME = 'tts-v1';

/**
 * A 64-hex-digit SHA-256 naming one rendition of one phrase. The raw text never appears in a
 * Redis key, a file name or a URL; the digest is also a valid `lib/cache` identifier.
 */
export function speechCacheKey({ provider, voice, speed, format, text }: SpeechKeyParts): string {
  const canonical = JSON.stringify([
    KEY_SCHEME,
    provider,
    voice,
    speed,
    format,
    normaliseSpeechText(text),
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
