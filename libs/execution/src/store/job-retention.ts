import type { JobStore } from './job-store';
import type { StoreProbe } from './store-probe';

/**
 * How many finished jobs a durable store keeps. Pruning deletes only finished (success, failed,
 * cancelled) jobs, the ones that finished first going first; pending and running jobs are never pruned.
 */
export interface JobRetention {
  /** Delete finished jobs that finished more than this many milliseconds ago. */
  readonly maxAgeMs?: number;
  /** Keep at most this many finished jobs. */
  readonly maxJobs?: number;
}

/** Checks a {@link JobRetention}, naming the field that is wrong and what it must be. */
export function checkJobRetention(retention: JobRetention): void {
  const { maxAgeMs, maxJobs } = retention;
  if (maxAgeMs !== undefined && !(Number.isFinite(maxAgeMs) && maxAgeMs >= 0)) {
    throw new RangeError(`prune: maxAgeMs must be a finite number of milliseconds >= 0, got ${String(maxAgeMs)}. Omit it to keep jobs of any age.`);
  }
  if (maxJobs !== undefined && !(Number.isSafeInteger(maxJobs) && maxJobs >= 0)) {
    throw new RangeError(`prune: maxJobs must be an integer >= 0, got ${String(maxJobs)}. Omit it to keep any number of finished jobs.`);
  }
}

/** A durable {@link JobStore} that deletes finished jobs beyond a retention when asked. */
export interface PrunableJobStore extends JobStore {
  /**
   * Deletes finished jobs beyond `retention`: those that finished more than `maxAgeMs` ago, then the
   * oldest finished ones beyond the newest `maxJobs`. Pending and running jobs are never deleted; a
   * deleted job's idempotency key is free again. Resolves to how many jobs it deleted.
   */
  prune(retention: JobRetention): Promise<number>;
  /**
   * A cheap real check that the store takes writes now (for readiness), outside the path of job writes
   * and bounded in time; never rejects: a failure is the probe's `problem`. Logs nothing.
   */
  probe(): Promise<StoreProbe>;
  /** Releases the connection or file; the store is unusable afterwards. A second call does nothing. */
  close(): Promise<void>;
}
