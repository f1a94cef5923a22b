import type { QueueReservation } from './job-queue';

/** Places in a queue held by submissions whose jobs are still being stored, so that they count against its capacity. */
export class HeldPlaces {
  private held = 0;

  get count(): number {
    return this.held;
  }

  /**
   * Holds one place until the reservation is released, or its `queue` (which calls `storeAndQueue`)
   * has settled, whichever comes first.
   */
  hold(storeAndQueue: QueueReservation['queue']): QueueReservation {
    this.held += 1;
    let holding = true;
    const release = (): void => {
      if (!holding) return;
      holding = false;
      this.held -= 1;
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
