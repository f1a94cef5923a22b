import type { TraceParent } from '@forgesyte/runtime';
import type { LocalJobs } from '../cluster/job-cluster';
import type { Job } from '../jobs/job';

/** What a {@link JobQueue} delivers queued jobs to: the job executor of this process. */
export interface JobConsumer {
  /**
   * Runs a queued job if it is still `pending` (a cancelled one is skipped). Resolves false when the
   * store failed before the job could start: the queue delivers it again after
   * {@link REDELIVERY_DELAY_MS}, so that it is never left `pending` unnoticed. `traceparent` is the
   * span that queued it, when its submission was traced.
   */
  execute(jobId: string, traceparent?: TraceParent): Promise<boolean>;
  /** The process that held the job died before finishing it: see {@link LocalJobs.interrupt}. */
  interrupt: LocalJobs['interrupt'];
}

/** A place held in a {@link JobQueue} while a job is being stored. */
export interface QueueReservation {
  /**
   * Stores `candidate` with `insert` and queues it. `queued` is false, and nothing queued, when the
   * insert found an earlier job with the same idempotency key (`stored` is that job) or the queue
   * stopped meanwhile; rejects if the insert does. Called once; the place is used up either way.
   * `traceparent` (the submission's span, when traced) travels with the job to whichever process runs it.
   */
  queue(candidate: Job, insert: () => Promise<Job>, traceparent?: TraceParent): Promise<{ readonly stored: Job; readonly queued: boolean }>;
  /** Hands the place back if {@link queue} was not called (calling it after is harmless). */
  release(): void;
}

/** Whether a {@link JobQueue} takes new jobs now: it does, it is full, or it stopped for good (shutdown). */
export type QueueAcceptance = 'accepting' | 'full' | 'stopped';

/**
 * How async jobs travel from the process that accepts them to one that runs them: in this process
 * ({@link LocalJobQueue}, for the memory and SQLite stores), or through Redis to any number of
 * `apps/worker` processes ({@link BullMqJobQueue}). The job records themselves live in the JobStore;
 * a queue carries job ids only. Jobs that run outside the queue (sync calls) and cancels between
 * processes are the {@link JobCluster}'s.
 */
export interface JobQueue {
  /** Throws `OVERLOADED` once the queue has stopped (the process is shutting down). */
  assertOpen(): void;
  /** Whether a submission would find a place now (for readiness); rejects when a shared queue cannot be asked. */
  acceptance(): Promise<QueueAcceptance>;
  /** Holds a place while the job is being stored; rejects with `OVERLOADED` when the queue is full or stopped. */
  reserve(): Promise<QueueReservation>;
  /**
   * Queues again jobs found `pending` at start (after a crash), beyond the capacity if need be: they
   * were accepted before, and refusing them now would lose them.
   */
  resume(jobIds: readonly string[]): Promise<void>;
  /** Jobs waiting to run, for the metrics: this process's queue, or the shared queue as last counted (no round trip). */
  waitingJobs(): number;
  /** Drops a job that was cancelled while waiting, if it is still waiting. */
  remove(jobId: string): Promise<void>;
  /** Starts delivering queued jobs to `consumer` (a queue that only produces ignores this). */
  start(consumer: JobConsumer): Promise<void>;
  /**
   * Stops taking and starting jobs. Hands back the ids that were waiting in this process's memory
   * and would be lost with it; a queue kept outside the process hands back none.
   */
  stop(): string[];
  /** Releases the queue's connections; call once the running jobs have settled. */
  close(): Promise<void>;
}

/** How long a queue waits before delivering again a job the store failed to start, in ms. */
export const REDELIVERY_DELAY_MS = 500;
