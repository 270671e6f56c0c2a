import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { GOOGLE_MANDARIN_VOICES } from '@/lib/tts/google-voices';

/**
 * A local gRPC server implementing `google.cloud.texttospeech.v1.TextToSpeech` from the client
 * package's own proto definitions, so the real `@google-cloud/text-to-speech` client is tested
 * over a real socket with no credentials and no network. It answers like Google does for the
 * parts we rely on: Mandarin voices only, 5,000 input bytes, speaking rate 0.25 to 2.0.
 */
export type FakeGoogleTtsBehaviour =
  | { kind: 'ok' }
  | { kind: 'error'; code: grpc.status; message?: string }
  /** Accepts the call and never answers (until the client gives up or the server closes). */
  | { kind: 'hang' };

export interface RecordedSynthesis {
  text: string;
  voiceName: string;
  languageCode: string;
  audioEncoding: string;
  speakingRate: number;
}

export interface FakeGoogleTts {
  /** `127.0.0.1:<port>`, the form GOOGLE_TTS_ENDPOINT takes. */
  endpoint: string;
  port: number;
  behaviour: FakeGoogleTtsBehaviour;
  synthesizeCalls: RecordedSynthesis[];
  listVoicesCalls: number;
  close(): Promise<void>;
}

const MAX_INPUT_BYTES = 5_000;

const MAGIC: Record<string, Buffer> = {
  MP3: Buffer.from('ID3', 'ascii'),
  OGG_OPUS: Buffer.from('OggS', 'ascii'),
};

/** The bytes the fake answers for a request: the format's magic number and a hash of the request. */
export function fakeAudioFor(call: RecordedSynthesis): Buffer {
  const digest = createHash('sha256')
    .update(JSON.stringify([call.text, call.voiceName, call.audioEncoding, call.speakingRate]))
    .digest();
  return Buffer.concat([MAGIC[call.audioEncoding] ?? Buffer.alloc(0), digest]);
}

function loadService(): grpc.ServiceDefinition {
  const require = createRequire(import.meta.url);
  const json = require('@google-cloud/text-to-speech/build/protos/protos.json') as object;
  const definition = protoLoader.fromJSON(json, {
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const service = definition['google.cloud.texttospeech.v1.TextToSpeech'];
  if (!service || !('SynthesizeSpeech' in service)) {
    throw new Error('TextToSpeech service missing from the package protos');
  }
  return service as grpc.ServiceDefinition;
}

type SynthesizeRequest = {
  input: { text?: string };
  voice: { languageCode: string; name: string };
  audioConfig: { audioEncoding: string; speakingRate: number };
};

function invalid(message: string): Partial<grpc.StatusObject> {
  return { code: grpc.status.INVALID_ARGUMENT, details: message };
}

function check(call: RecordedSynthesis): Partial<grpc.StatusObject> | undefined {
  if (Buffer.byteLength(call.text, 'utf8') > MAX_INPUT_BYTES) {
    return invalid(
      `Either input.text or input.ssml is longer than the limit of ${MAX_INPUT_BYTES} bytes.`,
    );
  }
  if (!GOOGLE_MANDARIN_VOICES.some((voice) => voice.name === call.voiceName)) {
    return invalid(`Voice '${call.voiceName}' does not exist.`);
  }
  if (call.speakingRate !== 0 && (call.speakingRate < 0.25 || call.speakingRate > 2)) {
    return invalid('speaking_rate must be in the range [0.25, 2.0].');
  }
  if (!MAGIC[call.audioEncoding]) return invalid(`Unsupported encoding ${call.audioEncoding}.`);
  return undefined;
}

export async function startFakeGoogleTts(
  behaviour: FakeGoogleTtsBehaviour = { kind: 'ok' },
): Promise<FakeGoogleTts> {
  const server = new grpc.Server();
  const fake: FakeGoogleTts = {
    endpoint: '',
    port: 0,
    behaviour,
    synthesizeCalls: [],
    listVoicesCalls: 0,
    close: async () => {
      // forceShutdown ends hanging calls too, so no test waits on them.
      server.forceShutdown();
    },
  };

  server.addService(loadService(), {
    SynthesizeSpeech(
      call: grpc.ServerUnaryCall<SynthesizeRequest, unknown>,
      callback: grpc.sendUnaryData<unknown>,
    ) {
      const { input, voice, audioConfig } = call.request;
      const recorded: RecordedSynthesis = {
        text: input.text ?? '',
        voiceName: voice.name,
        languageCode: voice.languageCode,
        audioEncoding: audioConfig.audioEncoding,
        speakingRate: audioConfig.speakingRate,
      };
      fake.synthesizeCalls.push(recorded);
      const current = fake.behaviour;
      if (current.kind === 'hang') return;
      if (current.kind === 'error') {
        callback({ code: current.code, details: current.message ?? 'fake failure' });
        return;
      }
      const problem = check(recorded);
      if (problem) callback(problem);
      else callback(null, { audioContent: fakeAudioFor(recorded) });
    },

    ListVoices(
      call: grpc.ServerUnaryCall<{ languageCode: string }, unknown>,
      callback: grpc.sendUnaryData<unknown>,
    ) {
      fake.listVoicesCalls += 1;
      const wanted = call.request.languageCode;
      const voices = GOOGLE_MANDARIN_VOICES.filter(
        (voice) => !wanted || voice.languageCode === wanted,
      ).map((voice) => ({
        languageCodes: [voice.languageCode],
        name: voice.name,
        ssmlGender: voice.gender.toUpperCase(),
        naturalSampleRateHertz: 24_000,
      }));
      callback(null, { voices });
    },
  });

  fake.port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );
  fake.endpoint = `127.0.0.1:${fake.port}`;
  return fake;
}
