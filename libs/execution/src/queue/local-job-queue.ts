import { OverloadedError } from '@forgesyte/errors';
import type { TraceParent } from '@forgesyte/runtime';
import { HeldPlaces } from './held-places';
import { type JobConsumer, type JobQueue, type QueueAcceptance, type QueueReservation, REDELIVERY_DELAY_MS } from './job-queue';

/**
 * The queue of one process (memory and SQLite stores): runs at most `concurrency` jobs at once and
 * holds at most `capacity` waiting ones. A full or stopped queue refuses new jobs with `OVERLOADED`.
 * Jobs queued before {@link start} wait for it.
 */
export class LocalJobQueue implements JobQueue {
  private readonly waiting: string[] = [];
  /** The submission spans of waiting jobs whose submission was traced (empty when tracing is off). */
  private readonly traceparents = new Map<string, TraceParent>();
  private consumer: JobConsumer | undefined;
  private active = 0;
  private readonly held = new HeldPlaces();
  private accepting = true;

  constructor(
    private readonly concurrency: number,
    private readonly capacity: number,
  ) {}

  async reserve(): Promise<QueueReservation> {
    this.assertOpen();
    if (this.isFull) throw new OverloadedError(1, this.capacity);
    return this.held.hold(async (candidate, insert, traceparent) => {
      const stored = await insert();
      if (stored.id !== candidate.id || !this.accepting) return { stored, queued: false };
      if (traceparent !== undefined) this.traceparents.set(stored.id, traceparent);
      this.waiting.push(stored.id);
      this.pump();
      return { stored, queued: true };
    });
  }

  assertOpen(): void {
    if (!this.accepting) throw new OverloadedError(1, this.capacity, 'shutting_down');
  }

  acceptance(): Promise<QueueAcceptance> {
    return Promise.resolve(!this.accepting ? 'stopped' : this.isFull ? 'full' : 'accepting');
  }

  private get isFull(): boolean {
    return this.waiting.length + this.held.count >= this.capacity;
  }

  resume(jobIds: readonly string[]): Promise<void> {
    this.waiting.push(...jobIds);
    this.pump();
    return Promise.resolve();
  }

  waitingJobs(): number {
    return this.waiting.length;
  }

  remove(jobId: string): Promise<void> {
    const index = this.waiting.indexOf(jobId);
    if (index >= 0) this.waiting.splice(index, 1);
    this.traceparents.delete(jobId);
    return Promise.resolve();
  }

  start(consumer: JobConsumer): Promise<void> {
    this.consumer = consumer;
    this.pump();
    return Promise.resolve();
  }

  stop(): string[] {
    this.accepting = false;
    this.traceparents.clear();
    return this.waiting.splice(0);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private pump(): void {
    const consumer = this.consumer;
    if (consumer === undefined) return;
    while (this.accepting && this.active < this.concurrency && this.waiting.length > 0) {
      const jobId = this.waiting.shift() as string;
      this.active += 1;
      void consumer.execute(jobId, this.takeTraceparent(jobId)).then(
        (handled) => this.done(handled ? undefined : jobId),
        () => this.done(),
      );
    }
  }

  private takeTraceparent(jobId: string): TraceParent | undefined {
    if (this.traceparents.size === 0) return undefined;
    const traceparent = this.traceparents.get(jobId);
    this.traceparents.delete(jobId);
    return traceparent;
  }

  /** Frees the slot; a job the store failed to start (`redeliver`) waits its turn again after a pause. */
  private done(redeliver?: string): void {
    this.active -= 1;
    if (redeliver !== undefined) setTimeout(() => void this.resume([redeliver]), REDELIVERY_DELAY_MS).unref();
    this.pump();
  }
}
