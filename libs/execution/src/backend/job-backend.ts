import type { JobChanges } from '../changes/job-changes';
import type { JobCluster } from '../cluster/job-cluster';
import type { Job } from '../jobs/job';
import type { JobQueue } from '../queue/job-queue';
import type { JobStore } from '../store/job-store';
import type { StoreProbe } from '../store/store-probe';

/** What crash recovery found at start. */
export interface RecoveredJobs {
  /** Jobs a previous process left unfinished that nobody will finish: failed as `JOB_INTERRUPTED`. */
  readonly interrupted: number;
  /** Pending async jobs queued again. */
  readonly queuedAgain: number;
}

/**
 * Everything that depends on where jobs live, made once by {@link openJobBackend} for the configured
 * store kind: the store, the queue that carries async jobs to an executor, the cluster of processes
 * sharing the store, what crash recovery does at start, what happens to waiting jobs at shutdown,
 * and the store's upkeep. The job service never asks which kind it has.
 */
export interface JobBackend {
  /** Where the jobs live. */
  readonly store: JobStore;
  /** How async jobs travel to a process that runs them. */
  readonly queue: JobQueue;
  /** The other processes sharing the store, if any: leases on sync jobs, cancels across processes. */
  readonly cluster: JobCluster;
  /** Announcements of each job's changes, for whoever follows a job live. */
  readonly changes: JobChanges;
  /**
   * Crash recovery, before the queue starts: fails through `interrupt` the jobs a previous process
   * left unfinished that nobody will finish, and queues again the pending async ones.
   */
  recover(interrupt: (job: Job) => Promise<void>): Promise<RecoveredJobs>;
  /**
   * At shutdown: stops the queue taking and starting jobs, and fails through `interrupt` the waiting
   * jobs that would be lost with this process (a durable store keeps them `pending` for the next start).
   */
  drain(interrupt: (jobId: string) => Promise<void>): Promise<void>;
  /** A real, cheap check that the store takes writes now (readiness): see `PrunableJobStore.probe`; memory always does. */
  probeStore(): Promise<StoreProbe>;
  /** Starts keeping the store within its retention (a durable store prunes finished jobs). */
  startMaintenance(): Promise<void>;
  /** Stops the upkeep and closes the store; call last, once nothing reads or writes jobs any more. */
  close(): Promise<void>;
}

/** Injection token of the {@link JobBackend}. */
export const JOB_BACKEND = Symbol('JOB_BACKEND');
