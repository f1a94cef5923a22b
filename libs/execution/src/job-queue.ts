import { OverloadedError } from '@forgesyte/errors';

/**
 * The async executor's queue: runs at most `concurrency` jobs at once and holds at most `capacity`
 * waiting ones. A full or stopped queue refuses new jobs with `OVERLOADED`.
 */
export class JobQueue {
  private readonly waiting: string[] = [];
  private active = 0;
  private reserved = 0;
  private accepting = true;

  constructor(
    private readonly concurrency: number,
    private readonly capacity: number,
    private readonly execute: (jobId: string) => Promise<void>,
  ) {}

  /**
   * Holds a place in the queue while the job is being stored; throws `OVERLOADED` when the queue is
   * full or stopped. Call the returned function with the job id to queue it (it answers false when
   * the queue stopped meanwhile and did not take the job), or with nothing to give the place up.
   */
  reserve(): (jobId?: string) => boolean {
    this.assertOpen();
    if (this.waiting.length + this.reserved >= this.capacity) throw new OverloadedError(1, this.capacity);
    this.reserved += 1;
    let used = false;
    return (jobId) => {
      if (used) return false;
      used = true;
      this.reserved -= 1;
      if (jobId === undefined || !this.accepting) return false;
      this.waiting.push(jobId);
      this.pump();
      return true;
    };
  }

  /** Throws `OVERLOADED` once the queue has stopped (the server is shutting down). */
  assertOpen(): void {
    if (!this.accepting) throw new OverloadedError(1, this.capacity, 'shutting_down');
  }

  /**
   * Queues jobs found pending at start (crash recovery), beyond the capacity if need be: they were
   * accepted before, and refusing them now would lose them.
   */
  resume(jobIds: readonly string[]): void {
    this.waiting.push(...jobIds);
    this.pump();
  }

  /** Drops a waiting job id; false when it was not waiting (already started, or unknown). */
  remove(jobId: string): boolean {
    const index = this.waiting.indexOf(jobId);
    if (index < 0) return false;
    this.waiting.splice(index, 1);
    return true;
  }

  /** Stops taking and starting jobs, and hands back the ids still waiting. */
  stop(): string[] {
    this.accepting = false;
    return this.waiting.splice(0);
  }

  private pump(): void {
    while (this.accepting && this.active < this.concurrency && this.waiting.length > 0) {
      const jobId = this.waiting.shift() as string;
      this.active += 1;
      void this.execute(jobId).finally(() => {
        this.active -= 1;
        this.pump();
      });
    }
  }
}
