import type { BreakerState } from './types';

export interface BreakerOptions {
  /** Consecutive failures that open the breaker. Default 3. */
  failureThreshold?: number;
  /** How long it stays open before one probe is let through. Default 1 s. */
  openMs?: number;
}

/**
 * Skips Redis while it is failing so requests do not each pay a command timeout. Closed → open
 * after N consecutive failures (or at once when the connection is known to be gone); after
 * `openMs` the next call is a probe (half-open): success closes, failure re-opens.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private readonly failureThreshold: number;
  private readonly openMs: number;

  constructor(
    options: BreakerOptions = {},
    private readonly onChange: (state: BreakerState) => void = () => {},
  ) {
    this.failureThreshold = options.failureThreshold ?? 3;
    this.openMs = options.openMs ?? 1000;
  }

  get state(): BreakerState {
    if (this.current === 'open' && Date.now() - this.openedAt >= this.openMs) return 'half-open';
    return this.current;
  }

  /** Whether a Redis call may go out now. In half-open, exactly one probe at a time. */
  allow(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    if (this.probing || this.current !== 'closed') {
      this.probing = false;
      this.transition('closed');
    }
  }

  failure(options: { fatal?: boolean } = {}): void {
    this.failures += 1;
    const wasProbe = this.probing;
    this.probing = false;
    if (wasProbe || options.fatal || this.failures >= this.failureThreshold) {
      this.openedAt = Date.now();
      this.transition('open');
    }
  }

  private transition(next: BreakerState): void {
    if (this.current === next) return;
    this.current = next;
    this.onChange(next);
  }
}
