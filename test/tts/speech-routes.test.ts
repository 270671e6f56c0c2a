import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { createEspeakProvider } from '@/lib/tts/espeak-provider';
import { handleAudioGet } from '@/lib/tts/http/audio-handlers';
import { handleSpeechPost } from '@/lib/tts/http/speech-handlers';
import type { SpeechService } from '@/lib/tts/speech-service';
import { fakeAudioFor } from '../support/fake-google-tts';
import { speechHarnessForFile, type SpeechHarness } from './fixtures';

let tts: SpeechHarness;

speechHarnessForFile((created) => ({ tts } = created));

function postTts(body: unknown, service: SpeechService = tts.service) {
  const request = new Request('http://localhost/api/tts', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return handleSpeechPost(service, request);
}

function getAudio(url: string, headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost${url}`, { headers });
  return handleAudioGet(tts.storage, request, decodeURIComponent(url.split('/').pop() ?? ''));
}

describe('POST /api/tts', () => {
  it('answers the audio URL with X-Cache MISS, then HIT for the same phrase', async () => {
    const first = await postTts({ text: '你好', speed: 1 });
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('x-cache'), 'MISS');
    const body = (await first.json()) as { url: string; cache: string };
    assert.equal(body.cache, 'miss');
    assert.match(body.url, /^\/api\/audio\/[0-9a-f]{64}\.mp3$/);

    const second = await postTts({ text: '你好', speed: 1 });
    assert.equal(second.headers.get('x-cache'), 'HIT');
    assert.deepEqual(await second.json(), { url: body.url, cache: 'hit' });
    assert.equal(tts.fake.synthesizeCalls.length, 1);
  });

  const invalid: [string, unknown, string][] = [
    ['a body that is not JSON', '{"text": 你好', 'body'],
    ['no text', { speed: 1 }, 'text'],
    ['empty text', { text: '' }, 'text'],
    ['only whitespace', { text: ' \n\u3000 ' }, 'text'],
    ['text that is not a string', { text: 42 }, 'text'],
    ['text over the 5,000-byte limit', { text: '好'.repeat(1_667) }, 'text'],
    ['an unknown voice', { text: '你好', voice: 'cmn-CN-Neural2-A' }, 'voice'],
    ['speed below 0.25', { text: '你好', speed: 0.2 }, 'speed'],
    ['speed above 2.0', { text: '你好', speed: 2.01 }, 'speed'],
    ['speed that is not a number', { text: '你好', speed: 'fast' }, 'speed'],
  ];
  for (const [what, body, field] of invalid) {
    it(`answers 400 naming "${field}" for ${what}`, async () => {
      const response = await postTts(body);
      assert.equal(response.status, 400);
      const json = (await response.json()) as { error: { field: string; message: string } };
      assert.equal(json.error.field, field);
      assert.ok(json.error.message.length > 0);
      assert.equal(tts.fake.synthesizeCalls.length, 0);
    });
  }

  it('answers 502 when the engine fails', async () => {
    tts.fake.behaviour = { kind: 'error', code: status.UNAVAILABLE };
    const response = await postTts({ text: '服务器坏了' });
    assert.equal(response.status, 502);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'tts_failed');
  });

  it('answers 504 when the engine does not answer in time', async () => {
    tts.fake.behaviour = { kind: 'hang' };
    const impatient = tts.serviceFor(tts.google, tts.newCache({ hardTimeoutMs: 500 }));
    const response = await postTts({ text: '太慢了' }, impatient);
    assert.equal(response.status, 504);
  });
});

describe('GET /api/audio/<file>', () => {
  let url: string;
  let audio: Buffer;
  before(async () => {
    tts.fake.behaviour = { kind: 'ok' };
    url = ((await (await postTts({ text: '学习' })).json()) as { url: string }).url;
    audio = fakeAudioFor(tts.fake.synthesizeCalls.at(-1)!);
  });

  it('returns the bytes, their type, a strong ETag and an immutable cache policy', async () => {
    const response = await getAudio(url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'audio/mpeg');
    assert.equal(response.headers.get('accept-ranges'), 'bytes');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(response.headers.get('etag') ?? '', /^"[0-9a-f]{64}"$/);
    assert.equal(response.headers.get('content-length'), String(audio.length));
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), audio);
  });

  it('answers 304 with no body when the browser already has it', async () => {
    const etag = (await getAudio(url)).headers.get('etag') ?? '';
    const response = await getAudio(url, { 'If-None-Match': `W/"other", ${etag}` });
    assert.equal(response.status, 304);
    assert.equal(response.headers.get('etag'), etag);
    assert.equal((await response.arrayBuffer()).byteLength, 0);
  });

  it('serves one byte range with 206 and Content-Range', async () => {
    const response = await getAudio(url, { Range: 'bytes=1-4' });
    assert.equal(response.status, 206);
    assert.equal(response.headers.get('content-range'), `bytes 1-4/${audio.length}`);
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), audio.subarray(1, 5));

    const tail = await getAudio(url, { Range: 'bytes=-3' });
    assert.deepEqual(Buffer.from(await tail.arrayBuffer()), audio.subarray(-3));
  });

  it('answers 416 for a range past the end, with the real size', async () => {
    const response = await getAudio(url, { Range: `bytes=${audio.length}-` });
    assert.equal(response.status, 416);
    assert.equal(response.headers.get('content-range'), `bytes */${audio.length}`);
    assert.match(response.headers.get('content-type') ?? '', /json/);
  });

  it('sends the whole file when If-Range names another version', async () => {
    const response = await getAudio(url, { Range: 'bytes=0-1', 'If-Range': '"something-else"' });
    assert.equal(response.status, 200);
    assert.equal((await response.arrayBuffer()).byteLength, audio.length);
  });

  it('answers 404 for a well-formed name that was never made', async () => {
    const response = await getAudio(`/api/audio/${'0'.repeat(64)}.mp3`);
    assert.equal(response.status, 404);
  });

  for (const name of [
    '..%2F..%2Fetc%2Fpasswd',
    '..',
    'x.mp3',
    `${'0'.repeat(64)}.txt`,
    `${'0'.repeat(64)}.mp3.bak`,
  ]) {
    it(`answers 400 JSON for the file name ${decodeURIComponent(name)}`, async () => {
      const response = await getAudio(`/api/audio/${name}`);
      assert.equal(response.status, 400);
      assert.equal(((await response.json()) as { error: { field: string } }).error.field, 'file');
    });
  }
});

describe('the offline voice end to end', () => {
  it('POST then GET gives a playable WAV', async () => {
    const espeak = tts.serviceFor(createEspeakProvider());
    const posted = await postTts({ text: '你好', speed: 0.75 }, espeak);
    assert.equal(posted.status, 200);
    const { url } = (await posted.json()) as { url: string };
    assert.match(url, /\.wav$/);
    const response = await getAudio(url);
    assert.equal(response.headers.get('content-type'), 'audio/wav');
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.equal(bytes.subarray(0, 4).toString('ascii'), 'RIFF');
    assert.ok(bytes.length > 10_000, 'holds actual speech');
  });
});
