import type { RecoveredJobs } from './job-backend';
import { DurableJobBackend } from './durable-job-backend';

/**
 * Redis shared by API and worker processes, with BullMQ as the queue. At start, `pending` async jobs
 * are queued again: a no-op for those still in the queue, it repairs a submission whose process died
 * between storing and queueing. Other processes may be running the `running` jobs: BullMQ's
 * stalled-job check fails those of a dead worker, and the cluster's leases those of a dead API node.
 */
export class RedisJobBackend extends DurableJobBackend {
  async recover(): Promise<RecoveredJobs> {
    const pending = await this.store.findByStatus(['pending']);
    const queued = pending.filter((job) => job.mode === 'async');
    await this.queueAgain(queued);
    return { interrupted: 0, queuedAgain: queued.length };
  }
}
