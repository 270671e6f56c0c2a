import type { Recording } from './wav';

// Loudness is judged over 20 ms blocks, as root mean square of the samples.
const BLOCK_SECONDS = 0.02;
// A block louder than this is voice. Room noise through a laptop microphone sits well below,
// speech at arm's length well above.
const VOICE_RMS = 0.02;
// Capture starts at the first voice after this much quiet, so a recording never starts inside a
// word (a looping fake microphone, or a learner who was already talking)...
const QUIET_BEFORE_SECONDS = 0.2;
// ...and ends after this much quiet: the pause after a phrase, longer than any inside it.
const QUIET_AFTER_SECONDS = 0.7;
// Some lead-in before the first loud block keeps the soft start of the first consonant.
const LEAD_IN_SECONDS = 0.1;
const MAX_SECONDS = 10;

export type CaptureState = 'waiting-for-quiet' | 'listening' | 'capturing' | 'done';

/**
 * Cuts one utterance out of a live stream of samples: fed block by block (from a microphone),
 * it waits for quiet, starts at the first voice, and is done after the pause that follows it
 * (or after ten seconds). Framework-free, so the browser recorder and the tests share it.
 */
export class UtteranceCapture {
  readonly #sampleRate: number;
  readonly #blockLength: number;
  #state: CaptureState = 'waiting-for-quiet';
  #quietBlocks = 0;
  #pending: number[] = [];
  #leadIn: Float32Array[] = [];
  #captured: Float32Array[] = [];
  #capturedLength = 0;

  constructor(sampleRate: number) {
    this.#sampleRate = sampleRate;
    this.#blockLength = Math.round(BLOCK_SECONDS * sampleRate);
  }

  get state(): CaptureState {
    return this.#state;
  }

  /** Feeds the next samples of the stream; returns the state after them. */
  push(samples: Float32Array): CaptureState {
    for (const sample of samples) {
      this.#pending.push(sample);
      if (this.#pending.length === this.#blockLength) {
        this.#takeBlock(Float32Array.from(this.#pending));
        this.#pending = [];
      }
    }
    return this.#state;
  }

  /** Ends the capture now (the learner pressed Stop); what was heard so far is kept. */
  finish(): void {
    this.#state = 'done';
  }

  /** The utterance, or null when no voice was heard. */
  recording(): Recording | null {
    if (this.#capturedLength === 0) return null;
    const samples = new Float32Array(this.#capturedLength);
    let offset = 0;
    for (const block of this.#captured) {
      samples.set(block, offset);
      offset += block.length;
    }
    return { samples, sampleRate: this.#sampleRate };
  }

  #takeBlock(block: Float32Array): void {
    if (this.#state === 'done') return;
    let energy = 0;
    for (const sample of block) energy += sample * sample;
    const voiced = Math.sqrt(energy / block.length) >= VOICE_RMS;
    const seconds = (blocks: number) => blocks * BLOCK_SECONDS;
    this.#quietBlocks = voiced ? 0 : this.#quietBlocks + 1;

    if (this.#state === 'waiting-for-quiet') {
      if (seconds(this.#quietBlocks) >= QUIET_BEFORE_SECONDS) this.#state = 'listening';
      return;
    }
    if (this.#state === 'listening') {
      this.#leadIn.push(block);
      if (seconds(this.#leadIn.length) > LEAD_IN_SECONDS) this.#leadIn.shift();
      if (!voiced) return;
      this.#state = 'capturing';
      for (const earlier of this.#leadIn) this.#keep(earlier);
      this.#leadIn = [];
      return;
    }
    this.#keep(block);
    const tooLong = this.#capturedLength >= MAX_SECONDS * this.#sampleRate;
    if (seconds(this.#quietBlocks) >= QUIET_AFTER_SECONDS || tooLong) this.#state = 'done';
  }

  #keep(block: Float32Array): void {
    this.#captured.push(block);
    this.#capturedLength += block.length;
  }
}
