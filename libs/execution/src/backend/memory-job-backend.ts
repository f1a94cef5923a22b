import type { JobChanges } from '../changes/job-changes';
import { LocalJobChanges } from '../changes/local-job-changes';
import { type JobCluster, SINGLE_PROCESS } from '../cluster/job-cluster';
import type { JobQueue } from '../queue/job-queue';
import type { JobStore } from '../store/job-store';
import { STORE_TAKES_WRITES, type StoreProbe } from '../store/store-probe';
import type { JobBackend, RecoveredJobs } from './job-backend';

/**
 * Jobs in this process's memory: nothing survives a restart, so there is nothing to recover, and
 * jobs still waiting at shutdown fail as `JOB_INTERRUPTED` rather than vanish.
 */
export class MemoryJobBackend implements JobBackend {
  readonly cluster: JobCluster = SINGLE_PROCESS;
  readonly changes: JobChanges = new LocalJobChanges();

  constructor(
    readonly store: JobStore,
    readonly queue: JobQueue,
  ) {}

  recover(): Promise<RecoveredJobs> {
    return Promise.resolve({ interrupted: 0, queuedAgain: 0 });
  }

  async drain(interrupt: (jobId: string) => Promise<void>): Promise<void> {
    for (const jobId of this.queue.stop()) await interrupt(jobId);
  }

  probeStore(): Promise<StoreProbe> {
    return Promise.resolve(STORE_TAKES_WRITES);
  }

  startMaintenance(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return this.changes.close();
  }
}
