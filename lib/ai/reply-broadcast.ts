import { textPieces } from './text-chunks';

/**
 * One reply being delivered, shared by every request in this process that asked the same
 * question at the same time: each subscriber gets what was written so far, then the rest live.
 * Whoever produces the reply pushes pieces as they arrive (a provider stream) or hands over a
 * finished text (the cache), then settles it once; anything after that is ignored.
 */
export class ReplyBroadcast {
  private readonly pieces: string[] = [];
  private settled: { ok: true } | { ok: false; error: unknown } | undefined;
  private wake: (() => void)[] = [];
  private resolveDone!: (text: string) => void;
  private rejectDone!: (error: unknown) => void;
  /** The whole reply once it is finished; rejects with the reason it failed. */
  readonly done = new Promise<string>((resolve, reject) => {
    this.resolveDone = resolve;
    this.rejectDone = reject;
  });

  constructor() {
    // Subscribers see a failure through their own iteration; this only silences the default.
    this.done.catch(() => {});
  }

  push(piece: string): void {
    if (this.settled || piece === '') return;
    this.pieces.push(piece);
    this.notify();
  }

  /** The reply is complete: with `text`, it is delivered in pieces as a live one would be. */
  finish(text?: string): void {
    if (this.settled) return;
    if (text !== undefined) this.pieces.push(...textPieces(text));
    this.settled = { ok: true };
    this.resolveDone(this.pieces.join(''));
    this.notify();
  }

  fail(error: unknown): void {
    if (this.settled) return;
    this.settled = { ok: false, error };
    this.rejectDone(error);
    this.notify();
  }

  async *subscribe(): AsyncIterable<string> {
    let next = 0;
    for (;;) {
      while (next < this.pieces.length) yield this.pieces[next++] as string;
      if (this.settled) {
        if (!this.settled.ok) throw this.settled.error;
        return;
      }
      await new Promise<void>((resolve) => this.wake.push(resolve));
    }
  }

  private notify() {
    const waiting = this.wake;
    this.wake = [];
    for (const resolve of waiting) resolve();
  }
}
