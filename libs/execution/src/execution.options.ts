import type { Logger } from 'pino';
import type { JobRetention } from './store/job-retention';

/** Which {@link JobStore} holds the jobs. */
export type JobStoreChoice =
  | { readonly kind: 'memory' }
  | { readonly kind: 'sqlite'; readonly file: string; readonly retention?: JobRetention }
  | {
      readonly kind: 'redis';
      readonly url: string;
      readonly retention?: JobRetention;
      /** How long a worker's hold on a running job lasts without renewal, in ms (BullMQ's lock). Default 30000. */
      readonly lockMs?: number;
      /** How long a store command may go unanswered before it fails as `STORE_UNAVAILABLE`, in ms. Default 2000. */
      readonly commandTimeoutMs?: number;
    };

/** Limits of the job executor and store. */
export interface ExecutionModuleOptions {
  /** Async jobs running at once. Default 4. */
  readonly maxConcurrency?: number;
  /** Async jobs waiting to run before submissions get `OVERLOADED`. Default 1000. */
  readonly maxQueue?: number;
  /**
   * Async jobs of one key (owner) waiting to run before that key's submissions get `OVERLOADED`
   * (`key_queue_full`) while other keys' are still taken. Default: half of {@link maxQueue}, rounded up
   * ({@link defaultKeyMaxQueue}).
   */
  readonly keyMaxQueue?: number;
  /** Async jobs of one key running at once in one process; the key's other jobs wait while other keys' run. Default: no cap. */
  readonly keyMaxConcurrency?: number;
  /** Sync calls running at once; more wait briefly, then get `OVERLOADED`. Default 16. */
  readonly maxSync?: number;
  /** Sync calls that may wait for a slot; one more gets `OVERLOADED` at once. Default 64. */
  readonly maxSyncQueue?: number;
  /** How long a sync call waits for a slot before it gets `OVERLOADED`, in ms (not part of its tool's deadline). Default 1000. */
  readonly syncWaitMs?: number;
  /** Where jobs live. Default: in memory. */
  readonly store?: JobStoreChoice;
  /**
   * Whether this process takes async jobs from a queue shared with other processes (the `redis`
   * store): the API only adds them (false), `apps/worker` processes run them (true). Default true. With
   * the other stores the queue is this process's own, and this process always runs its jobs.
   */
  readonly consumeJobs?: boolean;
  /** How long a cancel of a job running in another process waits to see it end, in ms. Default 30000. */
  readonly cancelWaitMs?: number;
  /** Finished jobs the in-memory store keeps. Default 10000. */
  readonly retainJobs?: number;
  /** How often a durable store deletes finished jobs beyond its retention, in ms. Default 60000. */
  readonly pruneIntervalMs?: number;
  /** At shutdown, how long running jobs may finish before they are interrupted, in ms. Default 10000. */
  readonly shutdownGraceMs?: number;
  /**
   * The process's pino logger, where the job lines go (`job queued`, `job started`, `job ended`) straight,
   * not through Nest's logger (a line through it cost about 4 µs more). None: no job lines.
   */
  readonly log?: Logger;
}

/** The default {@link ExecutionModuleOptions.keyMaxQueue}: half of the queue, rounded up, so that two keys at least share it. */
export function defaultKeyMaxQueue(maxQueue: number): number {
  return Math.ceil(maxQueue / 2);
}

/** Defaults of {@link ExecutionModuleOptions}. */
export const EXECUTION_DEFAULTS = Object.freeze({
  maxConcurrency: 4,
  maxQueue: 1000,
  maxSync: 16,
  maxSyncQueue: 64,
  syncWaitMs: 1000,
  retainJobs: 10_000,
  pruneIntervalMs: 60_000,
  shutdownGraceMs: 10_000,
  cancelWaitMs: 30_000,
});
