import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UtteranceCapture } from '@/lib/speak/utterance-capture';
import { glides, synthesise } from './synthetic-voice';

const RATE = 16_000;
const silence = (seconds: number) => new Float32Array(Math.round(seconds * RATE));
const phrase = synthesise([glides(150).rising, glides(150).falling]).samples;

/** Feeds a stream in 10 ms chunks, as an audio callback would; stops feeding when done. */
function feed(capture: UtteranceCapture, ...parts: Float32Array[]) {
  for (const part of parts) {
    for (let start = 0; start < part.length; start += 160) {
      if (capture.push(part.subarray(start, start + 160)) === 'done') return;
    }
  }
}

describe('cutting one utterance out of a microphone stream', () => {
  it('keeps the phrase said after a quiet moment and ends at the pause after it', () => {
    const capture = new UtteranceCapture(RATE);
    feed(capture, silence(0.5), phrase, silence(2));
    assert.equal(capture.state, 'done');
    const seconds = (capture.recording()?.samples.length ?? 0) / RATE;
    const phraseSeconds = phrase.length / RATE;
    // The phrase (its own edges are quiet), plus at most the lead-in and the closing pause.
    assert.ok(seconds > phraseSeconds - 0.2 && seconds < phraseSeconds + 1, `${seconds} s`);
  });

  it('does not start inside a phrase that was already going when recording began', () => {
    const capture = new UtteranceCapture(RATE);
    const lateHalf = phrase.subarray(Math.floor(phrase.length / 2));
    feed(capture, lateHalf, silence(0.5), phrase, silence(2));
    const seconds = (capture.recording()?.samples.length ?? 0) / RATE;
    assert.ok(seconds > phrase.length / RATE - 0.2, `kept only ${seconds} s: the cut-off half`);
  });

  it('gives no recording when nobody speaks, and keeps what was heard when stopped early', () => {
    const quiet = new UtteranceCapture(RATE);
    feed(quiet, silence(3));
    assert.equal(quiet.recording(), null);

    const stopped = new UtteranceCapture(RATE);
    feed(stopped, silence(0.5), phrase.subarray(0, RATE * 0.3));
    stopped.finish();
    assert.equal(stopped.state, 'done');
    assert.ok((stopped.recording()?.samples.length ?? 0) > 0);
  });
});
