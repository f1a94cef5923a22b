import type { Job, JobProgress, JobUpdate } from '../jobs/job';
import type { JobStatus } from '../jobs/job-status';

/** Filters and page of a job listing, newest first. */
export interface JobQuery {
  /** Only jobs of this owner; all owners when absent. */
  readonly owner?: string;
  readonly plugin?: string;
  readonly status?: JobStatus;
  /** Only jobs of this priority (1 to 10). */
  readonly priority?: number;
  readonly limit: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/** One page of a job listing. */
export interface JobPage {
  readonly jobs: readonly Job[];
  readonly nextCursor: string | null;
}

/**
 * Where jobs live. Every status change is a compare-and-set ({@link transition}), so that concurrent
 * cancel and completion, or several processes, can never move a job twice.
 */
export interface JobStore {
  /**
   * Stores a new job. When the job carries an idempotency key its owner already used, stores nothing
   * and returns the existing job instead.
   */
  insert(job: Job): Promise<Job>;
  get(id: string): Promise<Job | undefined>;
  /** The job this owner submitted with this idempotency key, if it is still kept. */
  findByIdempotencyKey(owner: string, idempotencyKey: string): Promise<Job | undefined>;
  /** Moves a job from one of `from` to `to` with `update`; undefined when its status was not in `from`. */
  transition(id: string, from: readonly JobStatus[], to: JobStatus, update?: JobUpdate): Promise<Job | undefined>;
  /** Records progress of a running job; ignored once the job left `running`. */
  setProgress(id: string, progress: JobProgress): Promise<void>;
  /** A page of jobs; throws `REQUEST_INVALID` for a cursor it did not issue. */
  list(query: JobQuery): Promise<JobPage>;
  /** Jobs in the given statuses (for recovery and shutdown), oldest first. */
  findByStatus(statuses: readonly JobStatus[]): Promise<Job[]>;
}

/** Injection token of the {@link JobStore}. */
export const JOB_STORE = Symbol('JOB_STORE');
