import ESpeakNg from 'espeak-ng';
import { decodeWav, type Recording } from '@/lib/speak/wav';

// The app's offline voice (lib/tts/espeak-provider.ts) at its normal speed.
export const ESPEAK_VOICE = 'cmn-latn-pinyin';

/**
 * The offline voice's rendering of `text`, as the app serves it; with `monotone`, espeak-ng's
 * pitch range set to 0, so every syllable is said on one note (the sound of ignoring tones).
 */
export async function renderWithEspeak(
  text: string,
  { monotone = false } = {},
): Promise<Recording> {
  const args = ['-v', ESPEAK_VOICE, '-s', '175', ...(monotone ? ['-P', '0'] : [])];
  const instance = await ESpeakNg({
    arguments: [...args, '-w', 'out.wav', '--', text],
    print: () => {},
    printErr: () => {},
  });
  return decodeWav(instance.FS.readFile('out.wav'));
}
