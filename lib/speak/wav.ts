/** Mono samples in [-1, 1] and their rate: what the scorer reads, in Node and in the browser. */
export type Recording = { samples: Float32Array; sampleRate: number };

function findChunk(view: DataView, id: string): { offset: number; size: number } | undefined {
  const tag = (at: number) =>
    String.fromCharCode(
      view.getUint8(at),
      view.getUint8(at + 1),
      view.getUint8(at + 2),
      view.getUint8(at + 3),
    );
  // RIFF chunks follow the 12-byte header, each padded to an even length.
  for (let at = 12; at + 8 <= view.byteLength;) {
    const size = view.getUint32(at + 4, true);
    if (tag(at) === id) return { offset: at + 8, size };
    at += 8 + size + (size % 2);
  }
  return undefined;
}

/**
 * Reads a 16-bit PCM WAV (what espeak-ng writes and what the tests synthesise). Several channels
 * are averaged to one. Throws on anything else: the scorer never guesses at an encoding.
 */
export function decodeWav(bytes: Uint8Array): Recording {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = findChunk(view, 'fmt ');
  const data = findChunk(view, 'data');
  if (!format || !data) throw new Error('not a WAV file: no fmt or data chunk');
  const channels = view.getUint16(format.offset + 2, true);
  const sampleRate = view.getUint32(format.offset + 4, true);
  const bits = view.getUint16(format.offset + 14, true);
  if (view.getUint16(format.offset, true) !== 1 || bits !== 16) {
    throw new Error(`unsupported WAV encoding: only 16-bit PCM is read, not ${bits}-bit`);
  }
  // espeak-ng streams its WAV and may leave the data size at its maximum: trust the file length.
  const available = Math.min(data.size, bytes.byteLength - data.offset);
  const frames = Math.floor(available / (2 * channels));
  const samples = new Float32Array(frames);
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0;
    for (let channel = 0; channel < channels; channel++) {
      sum += view.getInt16(data.offset + 2 * (frame * channels + channel), true);
    }
    samples[frame] = sum / channels / 32768;
  }
  return { samples, sampleRate };
}

/** Writes mono samples as a 16-bit PCM WAV (test fixtures and the fake microphone's file). */
export function encodeWav({ samples, sampleRate }: Recording): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) =>
    [...text].forEach((char, index) => view.setUint8(at + index, char.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  samples.forEach((sample, index) => {
    const clamped = Math.max(-1, Math.min(1, sample));
    view.setInt16(44 + index * 2, Math.round(clamped * 32767), true);
  });
  return bytes;
}
