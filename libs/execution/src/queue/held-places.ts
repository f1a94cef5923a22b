import type { QueueReservation } from './job-queue';

/**
 * Keys whose places all went back keep their count (at zero) up to this many: a key whose submissions
 * come one at a time reuses it, where deleting it from the map and adding it again cost about 60 ns per
 * submission (the map's churn). Past it, such a key's count is dropped.
 */
const IDLE_OWNERS = 1024;

/** The places one key holds. */
interface OwnerPlaces {
  held: number;
}

/**
 * Places in a queue held by submissions whose jobs are still being stored, so that they count against
 * its capacity, and against their key's.
 */
export class HeldPlaces {
  private held = 0;
  private readonly byOwner = new Map<string, OwnerPlaces>();
  /** Owners in {@link byOwner} that hold no place. */
  private idleOwners = 0;

  get count(): number {
    return this.held;
  }

  /** Places held by `owner`'s submissions. */
  countOf(owner: string): number {
    return this.byOwner.get(owner)?.held ?? 0;
  }

  /**
   * Holds one place for `owner` until the reservation is released, or its `queue` (which calls
   * `storeAndQueue`) has settled, whichever comes first.
   */
  hold(owner: string, storeAndQueue: QueueReservation['queue']): QueueReservation {
    const places = this.take(owner);
    let holding = true;
    const release = (): void => {
      if (!holding) return;
      holding = false;
      this.give(owner, places);
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

  private take(owner: string): OwnerPlaces {
    this.held += 1;
    let places = this.byOwner.get(owner);
    if (places === undefined) this.byOwner.set(owner, (places = { held: 0 }));
    else if (places.held === 0) this.idleOwners -= 1;
    places.held += 1;
    return places;
  }

  private give(owner: string, places: OwnerPlaces): void {
    this.held -= 1;
    places.held -= 1;
    if (places.held > 0) return;
    if (this.idleOwners < IDLE_OWNERS) this.idleOwners += 1;
    else this.byOwner.delete(owner);
  }
}
