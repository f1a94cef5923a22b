import { setImmediate as nextTurn } from 'node:timers/promises';

/** Pixels a pass processes between two turns it gives the event loop: a few milliseconds of work. */
export const PIXELS_PER_TURN = 1 << 20;

/**
 * Paces a long synchronous pixel pass so that it can be cancelled. An inline tool runs on the server's
 * thread, where a cancel or deadline timer cannot fire while a loop holds it: so every
 * `pixelsPerTurn` pixels the pass awaits {@link PixelPacer.pause}, which lets the event loop run and
 * then rejects with the signal's reason if it has fired.
 *
 * @example
 * for (let y = 0; y < height; y++) {
 *   if (pacer.spend(width)) await pacer.pause();
 *   // ... one row ...
 * }
 */
export class PixelPacer {
  private budget: number;

  constructor(
    private readonly signal: AbortSignal,
    private readonly pixelsPerTurn = PIXELS_PER_TURN,
  ) {
    this.budget = pixelsPerTurn;
  }

  /** Counts `pixels` as processed; true when this turn is used up and the caller should `pause()`. */
  spend(pixels: number): boolean {
    this.budget -= pixels;
    return this.budget <= 0;
  }

  /** Gives the event loop a turn, then throws the signal's reason if it has fired. */
  async pause(): Promise<void> {
    this.budget = this.pixelsPerTurn;
    await nextTurn();
    this.signal.throwIfAborted();
  }
}
