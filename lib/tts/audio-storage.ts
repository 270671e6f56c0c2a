import { AUDIO_FORMATS, type AudioFormat } from './audio-format';

/** A stored file's name: the speech key's digest plus its format's extension. */
export type AudioKey = `${string}.${(typeof AUDIO_FORMATS)[AudioFormat]['extension']}`;

const AUDIO_KEY = /^(?<digest>[0-9a-f]{64})\.(?<extension>mp3|ogg|wav)$/;

export class InvalidAudioKeyError extends Error {
  override readonly name = 'InvalidAudioKeyError';
  constructor(readonly key: string) {
    super(`Not an audio file name: ${JSON.stringify(key.slice(0, 100))}`);
  }
}

export function audioKey(digest: string, format: AudioFormat): AudioKey {
  return assertAudioKey(`${digest}.${AUDIO_FORMATS[format].extension}`);
}

/**
 * Only `<64 hex>.<mp3|ogg|wav>` is a key: no separators, no dots beyond the extension, so a key
 * can never name a path outside the storage folder or bucket prefix.
 */
export function assertAudioKey(key: string): AudioKey {
  if (!AUDIO_KEY.test(key)) throw new InvalidAudioKeyError(key);
  return key as AudioKey;
}

export function isAudioKey(key: string): key is AudioKey {
  return AUDIO_KEY.test(key);
}

export function contentTypeOfKey(key: AudioKey): string {
  const extension = key.slice(key.lastIndexOf('.') + 1);
  const format = Object.values(AUDIO_FORMATS).find((entry) => entry.extension === extension);
  if (!format) throw new InvalidAudioKeyError(key);
  return format.contentType;
}

// The file name is a digest of everything that shaped the sound, and a key is written once:
// the bytes behind a name never change, so browsers and CDNs may keep them for a year.
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** Inclusive byte offsets, as in an HTTP `Range` / `Content-Range` header. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredAudioInfo {
  size: number;
  contentType: string;
}

export interface StoredAudio extends StoredAudioInfo {
  /** The whole file, or just the requested range of it. */
  bytes: Buffer<ArrayBuffer>;
}

/**
 * Where synthesised audio lives. Keys are content-addressed and written once: storing the same
 * key again stores the same sound, so writes may race harmlessly.
 */
export interface AudioStorage {
  put(key: AudioKey, bytes: Buffer, contentType: string): Promise<void>;
  /** `undefined` when absent. A range must lie within the file (see `stat` for its size). */
  get(key: AudioKey, range?: ByteRange): Promise<StoredAudio | undefined>;
  stat(key: AudioKey): Promise<StoredAudioInfo | undefined>;
}
