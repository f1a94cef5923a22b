import type { QueueReservation } from './job-queue';

/**
 * Places in a queue held by submissions whose jobs are still being stored, so that they count against
 * its capacity, and against their key's.
 */
export class HeldPlaces {
  private held = 0;
  private readonly byOwner = new Map<string, number>();

  get count(): number {
    return this.held;
  }

  /** Places held by `owner`'s submissions. */
  countOf(owner: string): number {
    return this.byOwner.get(owner) ?? 0;
  }

  /**
   * Holds one place for `owner` until the reservation is released, or its `queue` (which calls
   * `storeAndQueue`) has settled, whichever comes first.
   */
  hold(owner: string, storeAndQueue: QueueReservation['queue']): QueueReservation {
    this.held += 1;
    this.byOwner.set(owner, this.countOf(owner) + 1);
    let holding = true;
    const release = (): void => {
      if (!holding) return;
      holding = false;
      this.held -= 1;
      const left = this.countOf(owner) - 1;
      if (left > 0) this.byOwner.set(owner, left);
      else this.byOwner.delete(owner);
    };
    return {
      queue: async (candidate, insert, traceparent) => {
        try {
          return await storeAndQueue(candidate, insert, traceparent);
        } finally {
          release();
        }
      },
      release,
    };
  }
}
