/**
 * The audio encodings a provider can produce. The file extension is part of the public,
 * content-addressed URL, and the content type is what the audio route answers with.
 */
export const AUDIO_FORMATS = {
  mp3: { extension: 'mp3', contentType: 'audio/mpeg' },
  ogg: { extension: 'ogg', contentType: 'audio/ogg' },
  wav: { extension: 'wav', contentType: 'audio/wav' },
} as const;

export type AudioFormat = keyof typeof AUDIO_FORMATS;

export function contentTypeOf(format: AudioFormat): string {
  return AUDIO_FORMATS[format].contentType;
}
