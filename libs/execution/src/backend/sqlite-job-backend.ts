import type { Job } from '../jobs/job';
import type { RecoveredJobs } from './job-backend';
import { DurableJobBackend } from './durable-job-backend';

/**
 * A SQLite file this process owns alone, with this process's own queue: at start, every job left
 * `running` died with the previous process (sync jobs are stored `running`: their caller is gone), and
 * so did a `pending` sync job an older version stored; both fail as `JOB_INTERRUPTED` (retryable).
 * Pending async jobs are queued again, oldest first.
 */
export class SqliteJobBackend extends DurableJobBackend {
  async recover(interrupt: (job: Job) => Promise<void>): Promise<RecoveredJobs> {
    const orphans = await this.store.findByStatus(['pending', 'running']);
    const queued = orphans.filter((job) => job.status === 'pending' && job.mode === 'async');
    const failed = orphans.filter((job) => !queued.includes(job));
    for (const job of failed) await interrupt(job);
    await this.queueAgain(queued);
    return { interrupted: failed.length, queuedAgain: queued.length };
  }
}
