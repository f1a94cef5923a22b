import type { JobMode } from '../jobs/job';
import type { JobStatus } from '../jobs/job-status';

/** The jobs of this process at one instant, read when the metrics are scraped. */
export interface JobLoad {
  /** Async jobs waiting in the queue (BullMQ: the shared queue, as last counted). */
  readonly waiting: number;
  /** Jobs running in this process, sync and async. */
  readonly running: number;
  /** Executor slots taken by queued (async) jobs running in this process. */
  readonly slotsInUse: number;
}

/**
 * Where the execution lib reports what it measures, for the process's metrics registry (Prometheus in
 * the apps): a port, so that the lib imports no metrics package. The app provides an implementation
 * under this class as token; without one nothing is reported ({@link NO_JOB_METRICS}).
 */
export abstract class JobMetrics {
  /** A job of `mode` reached `status` in this process (stored, started or ended). */
  abstract jobEntered(status: JobStatus, mode: JobMode): void;

  /** An async submission returned the job an earlier one with the same `Idempotency-Key` made. */
  abstract idempotentReplay(): void;

  /** A call or submission was refused `OVERLOADED`, for `reason` (`queue_full`, `sync_busy`, `shutting_down`). */
  abstract overloaded(reason: string): void;

  /** Gives the registry a way to read the {@link JobLoad} when it is scraped (nothing is sampled on the hot path). */
  abstract watchLoad(read: () => JobLoad): void;
}

/** Reports nothing: the execution lib's metrics when the app provides no {@link JobMetrics}. */
export const NO_JOB_METRICS: JobMetrics = Object.freeze({
  jobEntered: () => undefined,
  idempotentReplay: () => undefined,
  overloaded: () => undefined,
  watchLoad: () => undefined,
});
