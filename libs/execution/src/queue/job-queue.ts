import { OverloadedError } from '@forgesyte/errors';
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

/** What a queue knows of a waiting job, to place it fairly: its id, its key (owner) and its priority. */
export type QueuedJob = Pick<Job, 'id' | 'owner' | 'priority'>;

/** How much of a queue one key (owner) may take, so that one key cannot starve the others. */
export interface KeyShare {
  /** Jobs of one key waiting at most; one more gets `OVERLOADED` (`key_queue_full`) while other keys are still taken. */
  readonly maxQueued: number;
  /** Jobs of one key running at once at most, in one process's queue; undefined: as many as there are slots. */
  readonly maxConcurrency?: number;
}

/** The refusal of a key with `maxQueued` jobs waiting: `ownMaxQueued` when that cap is the key's own, undefined for its {@link KeyShare}. */
export function keyQueueFull(maxQueued: number, ownMaxQueued: number | undefined): OverloadedError {
  return new OverloadedError(1, maxQueued, 'key_queue_full', ownMaxQueued === undefined ? 'FORGESYTE_KEY_MAX_QUEUE' : 'limits.max_queued');
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
  /**
   * Holds a place for a job of `owner` while it is being stored; rejects with `OVERLOADED` when the
   * queue is full or stopped, or (`key_queue_full`) when `owner` has its share of the queue waiting:
   * `maxQueued` jobs when given (the key's own cap), else {@link KeyShare.maxQueued}.
   */
  reserve(owner: string, maxQueued?: number): Promise<QueueReservation>;
  /**
   * Queues again jobs found `pending` at start (after a crash), beyond the capacity if need be: they
   * were accepted before, and refusing them now would lose them.
   */
  resume(jobs: readonly QueuedJob[]): Promise<void>;
  /**
   * Queues again, at `at` (epoch ms), a job sent back to `pending` to wait for its next attempt (see
   * `job-retry.ts`), beyond the capacity: it was accepted before. Called while its failed attempt's
   * delivery is still under way (that delivery then ends by waiting until `at`), or at any later time.
   */
  retryAt(job: QueuedJob, at: number): Promise<void>;
  /** Jobs waiting to run, for the metrics: this process's queue, or the shared queue as last counted (no round trip). */
  waitingJobs(): number;
  /** Drops a job that was cancelled while waiting, if it is still waiting. */
  remove(job: QueuedJob): Promise<void>;
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
