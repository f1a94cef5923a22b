import type { QueuedJob } from './job-queue';

/**
 * Jobs of one process's queue waiting between attempts (see `job-retry.ts`): each is handed to `due`
 * at its time, by a timer that does not keep the process alive. A durable store keeps such a job
 * `pending` with its `nextAttemptAt`, so that the next start queues it again at that time.
 */
export class DelayedJobs {
  private readonly timers = new Map<string, { readonly job: QueuedJob; readonly timer: NodeJS.Timeout }>();

  constructor(private readonly due: (job: QueuedJob) => void) {}

  /** Hands `job` to `due` at `at` (epoch ms), or at once when that time has passed; replaces an earlier time for it. */
  add(job: QueuedJob, at: number): void {
    this.remove(job.id);
    const timer = setTimeout(() => {
      // Timers keep a clock of their own, and may fire a millisecond before `at` by the wall clock.
      if (Date.now() < at) return this.add(job, at);
      this.timers.delete(job.id);
      this.due(job);
    }, Math.max(0, at - Date.now()));
    timer.unref();
    this.timers.set(job.id, { job, timer });
  }

  /** Forgets a job (cancelled while it waited); false when it was not waiting here. */
  remove(jobId: string): boolean {
    const entry = this.timers.get(jobId);
    if (entry === undefined) return false;
    clearTimeout(entry.timer);
    this.timers.delete(jobId);
    return true;
  }

  /** Forgets every job (the queue stops) and hands them back. */
  drain(): QueuedJob[] {
    const jobs = [...this.timers.values()].map(({ job, timer }) => {
      clearTimeout(timer);
      return job;
    });
    this.timers.clear();
    return jobs;
  }
}
