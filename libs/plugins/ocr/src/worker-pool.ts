import { abortReasonOf, untilAborted } from './until-aborted';

/** How a {@link WorkerPool} starts and stops the workers it holds. */
export interface PoolWorkerFactory<W> {
  /** Starts a worker; a rejection is reported to the call that waits for it. */
  start(): Promise<W>;
  /** Stops a worker for good. */
  stop(worker: W): Promise<void>;
}

/** One place in the pool: the worker in it, started or still starting. */
interface Slot<W> {
  worker: Promise<W>;
}

/**
 * At most `capacity` workers, each lent to one call at a time, started on first need (or by
 * {@link warm}) and then reused. Calls beyond `capacity` wait in order for a free worker.
 *
 * A call whose signal aborts rejects at once with the signal's reason, wherever it is:
 * - waiting for a free worker: it leaves the queue;
 * - waiting for its worker to start: the slot returns to the pool and the start carries on for the next call;
 * - while its task runs: the task cannot be interrupted (a tesseract recognition cannot), so the worker
 *   is stopped and a fresh one starts in its slot at once, for the next call.
 *
 * Why stop the worker rather than let the task finish in the background and keep its slot busy until it
 * does: the runner frees its own concurrency slot as soon as a call is cancelled or times out, so a task
 * left running would burn a core nobody waits for, for as long as the image takes (an image slow enough
 * to time out is exactly the one that would hold it longest), and every later call would queue behind it.
 * Stopping frees the core now and costs one worker start (about 0.3 s for tesseract).
 *
 * A task that fails by itself also gets its worker replaced: a worker that did not finish cleanly is
 * never lent again. {@link dispose} rejects waiting and running calls and stops every worker.
 */
export class WorkerPool<W> {
  private readonly idle: Slot<W>[] = [];
  private readonly waiting: Array<(slot: Slot<W>) => void> = [];
  private readonly closing = new AbortController();
  private readonly stopping = new Set<Promise<void>>();
  private slots = 0;
  private drained: (() => void) | undefined;
  private drainedPromise: Promise<void> | undefined;

  constructor(
    readonly capacity: number,
    private readonly factory: PoolWorkerFactory<W>,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`WorkerPool capacity must be a positive integer; got ${capacity}.`);
    }
  }

  /** Workers started or starting, idle or lent. */
  get size(): number {
    return this.slots;
  }

  /** Starts the missing workers now rather than on first need; rejects with the first start failure. */
  async warm(): Promise<void> {
    const started: Slot<W>[] = [];
    while (this.slots < this.capacity) started.push(this.newSlot());
    for (const slot of started) this.release(slot);
    await Promise.all(started.map((slot) => slot.worker));
  }

  /**
   * Lends a worker to `task` and settles with its result. Rejects with `signal.reason` as soon as
   * `signal` aborts (see the class comment), and with the start failure if the worker cannot start.
   */
  async use<R>(signal: AbortSignal, task: (worker: W) => Promise<R>): Promise<R> {
    const callSignal = AbortSignal.any([signal, this.closing.signal]);
    const slot = await this.acquire(callSignal);
    let worker: W;
    try {
      worker = await untilAborted(slot.worker, callSignal);
    } catch (error) {
      // Aborted while the worker starts: the start goes on for the next call. Else the start failed.
      if (callSignal.aborted) this.release(slot);
      else this.drop();
      throw error;
    }
    try {
      const result = await untilAborted(task(worker), callSignal);
      this.release(slot);
      return result;
    } catch (error) {
      this.replace(slot, worker);
      throw error;
    }
  }

  /** Rejects every waiting and running call with `reason`, stops every worker and resolves when all have stopped. */
  async dispose(reason: Error = new Error('the worker pool was disposed')): Promise<void> {
    if (!this.closing.signal.aborted) this.closing.abort(reason);
    for (const slot of this.idle.splice(0)) {
      this.retire(slot);
      this.slots -= 1;
    }
    // Lent slots come back (and are retired) as their calls see the abort, a microtask or two from now.
    if (this.slots > 0) await (this.drainedPromise ??= new Promise<void>((resolve) => (this.drained = resolve)));
    await Promise.all([...this.stopping]);
  }

  private acquire(signal: AbortSignal): Promise<Slot<W>> {
    if (signal.aborted) return Promise.reject(abortReasonOf(signal));
    const idle = this.idle.shift();
    if (idle !== undefined) return Promise.resolve(idle);
    if (this.slots < this.capacity) return Promise.resolve(this.newSlot());
    return new Promise((resolve, reject) => {
      const grant = (slot: Slot<W>): void => {
        signal.removeEventListener('abort', onAbort);
        resolve(slot);
      };
      const onAbort = (): void => {
        this.waiting.splice(this.waiting.indexOf(grant), 1);
        reject(abortReasonOf(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  private newSlot(): Slot<W> {
    this.slots += 1;
    return { worker: this.startWorker() };
  }

  private startWorker(): Promise<W> {
    const worker = this.factory.start();
    // A start nobody awaits yet must not be an unhandled rejection; the next borrower sees the failure.
    worker.catch(() => undefined);
    return worker;
  }

  /** Gives a slot whose worker is usable (or starting) to the next waiting call, or back to the idle list. */
  private release(slot: Slot<W>): void {
    if (this.closing.signal.aborted) {
      this.retire(slot);
      this.removeSlot();
      return;
    }
    const next = this.waiting.shift();
    if (next === undefined) this.idle.push(slot);
    else next(slot);
  }

  /** Stops the worker of a slot whose task did not finish cleanly and starts a fresh one in its place. */
  private replace(slot: Slot<W>, worker: W): void {
    this.stopWorker(worker);
    if (this.closing.signal.aborted) {
      this.removeSlot();
      return;
    }
    slot.worker = this.startWorker();
    this.release(slot);
  }

  /** Forgets a slot whose worker failed to start; a waiting call gets a new slot and tries its own start. */
  private drop(): void {
    this.removeSlot();
    const next = this.waiting.shift();
    if (next !== undefined && !this.closing.signal.aborted) next(this.newSlot());
  }

  private removeSlot(): void {
    this.slots -= 1;
    if (this.slots === 0) this.drained?.();
  }

  /** Stops the slot's worker once it has started (a failed start has nothing to stop). */
  private retire(slot: Slot<W>): void {
    this.track(slot.worker.then((worker) => this.factory.stop(worker), () => undefined));
  }

  private stopWorker(worker: W): void {
    this.track(this.factory.stop(worker));
  }

  private track(stop: Promise<void>): void {
    const tracked = stop.catch(() => undefined).finally(() => this.stopping.delete(tracked));
    this.stopping.add(tracked);
  }
}
