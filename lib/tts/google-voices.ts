import type { VoiceInfo } from './speech-provider';

// Google's Mandarin (Mainland) voices. There is no cmn-CN Neural2 voice; Chirp 3 HD voices are
// named after stars and share one name list across languages.
const FEMALE_STARS =
  'Achernar Aoede Autonoe Callirrhoe Despina Erinome Gacrux Kore Laomedeia Leda Pulcherrima Sulafat Vindemiatrix Zephyr';
const MALE_STARS =
  'Achird Algenib Algieba Alnilam Charon Enceladus Fenrir Iapetus Orus Puck Rasalgethi Sadachbia Sadaltager Schedar Umbriel Zubenelgenubi';

const voice = (name: string, gender: VoiceInfo['gender']): VoiceInfo => ({
  name,
  languageCode: 'cmn-CN',
  gender,
});

const classic = (family: 'Standard' | 'Wavenet') => [
  voice(`cmn-CN-${family}-A`, 'female'),
  voice(`cmn-CN-${family}-B`, 'male'),
  voice(`cmn-CN-${family}-C`, 'male'),
  voice(`cmn-CN-${family}-D`, 'female'),
];

const chirp = (stars: string, gender: VoiceInfo['gender']) =>
  stars.split(' ').map((star) => voice(`cmn-CN-Chirp3-HD-${star}`, gender));

export const GOOGLE_MANDARIN_VOICES: readonly VoiceInfo[] = [
  ...classic('Standard'),
  ...classic('Wavenet'),
  ...chirp(FEMALE_STARS, 'female'),
  ...chirp(MALE_STARS, 'male'),
];

export const DEFAULT_GOOGLE_VOICE = 'cmn-CN-Wavenet-A';
