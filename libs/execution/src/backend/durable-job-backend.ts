import type { JobChanges } from '../changes/job-changes';
import type { JobCluster } from '../cluster/job-cluster';
import type { Job } from '../jobs/job';
import type { JobQueue } from '../queue/job-queue';
import type { PrunableJobStore } from '../store/job-retention';
import type { StoreProbe } from '../store/store-probe';
import type { JobBackend, RecoveredJobs } from './job-backend';
import type { RetentionPruning } from './retention-pruning';

/**
 * What the backends of durable stores (SQLite, Redis) share: jobs still waiting at shutdown stay
 * `pending` for the next start, the store is pruned to its retention, and closed last.
 */
export abstract class DurableJobBackend implements JobBackend {
  constructor(
    readonly store: PrunableJobStore,
    readonly queue: JobQueue,
    readonly cluster: JobCluster,
    readonly changes: JobChanges,
    private readonly pruning: RetentionPruning,
  ) {}

  abstract recover(interrupt: (job: Job) => Promise<void>): Promise<RecoveredJobs>;

  /**
   * Queues again the pending async jobs found at start: at once, except a job waiting between
   * attempts, which waits until its `nextAttemptAt`.
   */
  protected async queueAgain(jobs: readonly Job[]): Promise<void> {
    const now = Date.now();
    const later = new Set(jobs.filter((job) => job.nextAttemptAt !== null && job.nextAttemptAt.getTime() > now));
    for (const job of later) await this.queue.retryAt(job, (job.nextAttemptAt as Date).getTime());
    await this.queue.resume(later.size === 0 ? jobs : jobs.filter((job) => !later.has(job)));
  }

  drain(): Promise<void> {
    this.queue.stop();
    return Promise.resolve();
  }

  probeStore(): Promise<StoreProbe> {
    return this.store.probe();
  }

  startMaintenance(): Promise<void> {
    return this.pruning.start();
  }

  async close(): Promise<void> {
    this.pruning.stop();
    await this.changes.close();
    await this.store.close();
  }
}
