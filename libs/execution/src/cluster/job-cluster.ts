/** What a {@link JobCluster} reaches in this process: the jobs running here. */
export interface LocalJobs {
  /** Aborts the job if it is running in this process; does nothing otherwise. */
  abort(jobId: string): void;
  /**
   * The process that ran the job died before finishing it: fail it as `JOB_INTERRUPTED`. Never
   * rejects: a failure to record it is logged.
   */
  interrupt(jobId: string): Promise<void>;
}

/**
 * The other processes that share the job store, if any: leases on the jobs running in this process
 * outside the queue (so that another process fails them should this one die), and cancels of jobs
 * running in another process. A single-process backend has none ({@link SINGLE_PROCESS}).
 */
export interface JobCluster {
  /**
   * Records that a job runs in this process outside the queue (a sync call), so that, should the
   * process die, another fails it as `JOB_INTERRUPTED`; call the returned function once it ended.
   * Sent ahead of anything the store is asked next.
   */
  holdHere(jobId: string): () => void;
  /** Asks the processes that may be running the job, other than this one, to abort it. */
  abortElsewhere(jobId: string): Promise<void>;
  /** Starts taking cancels from other processes and reclaiming the jobs of dead ones, for `local`. */
  start(local: LocalJobs): Promise<void>;
  /** Gives up this process's lease and stops listening; call once the running jobs have settled. */
  close(): Promise<void>;
}

/**
 * The cluster of a process that owns its store alone (memory, SQLite): every job runs here, and crash
 * recovery at the next start fails what a dead process left running. Nothing to reach.
 */
export const SINGLE_PROCESS: JobCluster = Object.freeze({
  holdHere: () => () => undefined,
  abortElsewhere: () => Promise.resolve(),
  start: () => Promise.resolve(),
  close: () => Promise.resolve(),
});
