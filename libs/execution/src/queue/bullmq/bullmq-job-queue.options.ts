/** How a {@link BullMqJobQueue} uses its Redis server. */
export interface BullMqJobQueueOptions {
  /** Prepended to the queue's keys and channel (the job store's prefix, so one deployment shares one). */
  readonly keyPrefix: string;
  /** Jobs this process runs at once (when it consumes). */
  readonly concurrency: number;
  /** Jobs waiting in Redis before submissions get `OVERLOADED`. */
  readonly capacity: number;
  /** Jobs of one key waiting in its backlog lane before that key's submissions get `OVERLOADED` (`key_queue_full`). */
  readonly keyCapacity: number;
  /** True in `apps/worker`: this process runs queued jobs. False in the API, which only enqueues. */
  readonly consume: boolean;
  /**
   * How long a worker's hold on a running job lasts without renewal (renewed every half of it); a job
   * whose worker died is found within about twice this and failed as `JOB_INTERRUPTED`.
   */
  readonly lockMs: number;
  /** How long to wait for the first connection (ms). */
  readonly connectTimeoutMs: number;
}

/** The defaults of the optional {@link BullMqJobQueueOptions}. */
export const BULLMQ_JOB_QUEUE_DEFAULTS = Object.freeze({ lockMs: 30_000, connectTimeoutMs: 10_000 });

/** The BullMQ queue's name: its keys are `<keyPrefix>queue:jobs:*`. */
export const BULLMQ_QUEUE_NAME = 'jobs';
