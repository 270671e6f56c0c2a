import { contentTypeOf } from './audio-format';
import { createEspeakWorkerPool } from './espeak-worker-pool';
import { SpeechProviderError, SpeechTimeoutError } from './speech-errors';
import type { SpeechProvider, SynthesisRequest, VoiceInfo } from './speech-provider';

/**
 * `cmn-latn-pinyin` reads hanzi and tone-numbered pinyin (`ni3 hao3`) with Mandarin tones.
 * Plain `cmn` gives the same tones for hanzi in this build, but some espeak-ng versions read
 * tone digits as English numbers with it (upstream issue 1236), so the pinyin variant is used.
 */
const MANDARIN_VOICE = 'cmn-latn-pinyin';
const VOICES: readonly VoiceInfo[] = [
  { name: MANDARIN_VOICE, languageCode: 'cmn-CN', gender: 'male' },
];

// espeak-ng's own default pace is 175 words per minute and it clamps below 80 and above 450,
// so speeds under ~0.46 all sound the same; the learner's 0.75x and 1x are well inside.
const NORMAL_WORDS_PER_MINUTE = 175;
const MIN_WORDS_PER_MINUTE = 80;
const MAX_WORDS_PER_MINUTE = 450;

// One sentence-sized phrase is what a card plays; the engine holds the whole text in memory.
const MAX_INPUT_BYTES = 5_000;

const OUTPUT_FILE = 'speech.wav';
const PHONEME_FILE = 'phonemes.txt';

function wordsPerMinute(speed: number): number {
  const wpm = Math.round(NORMAL_WORDS_PER_MINUTE * speed);
  return Math.min(MAX_WORDS_PER_MINUTE, Math.max(MIN_WORDS_PER_MINUTE, wpm));
}

export interface EspeakProviderOptions {
  /**
   * How many worker threads may synthesise at once. Each holds ~32 MB and keeps a core busy while
   * it speaks, so more than one buys little on a small server.
   */
  maxConcurrent?: number;
}

export function createEspeakProvider({ maxConcurrent = 1 }: EspeakProviderOptions = {}) {
  const name = 'espeak';
  const pool = createEspeakWorkerPool({ provider: name, size: maxConcurrent });

  // `--` ends the options, so text starting with "-" is spoken rather than parsed as a flag.
  const voiceArgs = (voice: string, speed: number) => [
    '-v',
    voice,
    '-s',
    String(wordsPerMinute(speed)),
  ];

  const provider = {
    name,
    defaultVoice: MANDARIN_VOICE,
    defaultFormat: 'wav',
    maxInputBytes: MAX_INPUT_BYTES,
    voices: () => VOICES,

    async synthesize({ text, voice, speed, format }: SynthesisRequest, signal?: AbortSignal) {
      if (format !== 'wav')
        throw new SpeechProviderError(name, `espeak produces wav, not ${format}`);
      let output: Uint8Array;
      try {
        output = await pool.run(
          {
            args: [...voiceArgs(voice, speed), '-w', OUTPUT_FILE, '--', text],
            outputFile: OUTPUT_FILE,
          },
          signal,
        );
      } catch (error) {
        if (signal?.aborted) throw new SpeechTimeoutError(name, { cause: error });
        throw error;
      }
      // A view over the transferred buffer: the audio is not copied again.
      const audio = Buffer.from(output.buffer, output.byteOffset, output.byteLength);
      return { audio, contentType: contentTypeOf('wav') };
    },

    /** The phonemes espeak would speak, in its ASCII notation: tones show as digits (`ni35`). */
    async phonemes(text: string, voice = MANDARIN_VOICE): Promise<string> {
      const output = await pool.run({
        args: ['-q', '-x', '--phonout', PHONEME_FILE, ...voiceArgs(voice, 1), '--', text],
        outputFile: PHONEME_FILE,
      });
      return new TextDecoder().decode(output).trim();
    },

    /** Stops the engine's worker threads (they never hold the process open while idle). */
    close: () => pool.close(),
  } satisfies SpeechProvider & {
    phonemes(text: string, voice?: string): Promise<string>;
    close(): Promise<void>;
  };
  return provider;
}
