import { ForgeSyteError } from '../forgesyte.error';

/**
 * Why the server takes no more jobs: its queue is full, it is shutting down, or (`sync_busy`) it runs
 * as many sync calls as it may and no slot freed up within the brief wait a sync call is given; or
 * (`key_queue_full`) the calling key has its share of the queue waiting.
 */
export type OverloadReason = 'queue_full' | 'key_queue_full' | 'shutting_down' | 'sync_busy';

/** Where a key's share of the queue comes from: the operator's default, or the key's own limit. */
export type KeyQueueLimit = 'FORGESYTE_KEY_MAX_QUEUE' | 'limits.max_queued';

/** The server takes no more jobs for now: its queue is full, or it is shutting down. */
export class OverloadedError extends ForgeSyteError {
  override readonly name = 'OverloadedError';
  readonly code = 'OVERLOADED';
  readonly type = 'RateLimitError';

  /**
   * `keyLimit` (for `key_queue_full`) names where the key's share comes from: `FORGESYTE_KEY_MAX_QUEUE`,
   * or the key's own `limits.max_queued`.
   */
  constructor(
    readonly retryAfterSeconds: number,
    queueLimit: number,
    reason: OverloadReason = 'queue_full',
    keyLimit: KeyQueueLimit = 'FORGESYTE_KEY_MAX_QUEUE',
  ) {
    super(
      reason === 'queue_full'
        ? `The job queue is full (${queueLimit} jobs waiting). Retry after ${retryAfterSeconds} s, or ask the operator to raise FORGESYTE_MAX_QUEUE or FORGESYTE_MAX_CONCURRENCY.`
        : reason === 'key_queue_full'
          ? `This API key has ${queueLimit} async jobs waiting, its share of the job queue; other keys' jobs are still taken. Retry after ${retryAfterSeconds} s, once some of yours have started, or ask the operator to raise ${keyLimit === 'limits.max_queued' ? "the key's limits.max_queued" : keyLimit}.`
          : reason === 'sync_busy'
          ? `Too many sync calls are running (of this tool, or in all; up to ${queueLimit} more may wait briefly) and none finished in time for this one. Retry after ${retryAfterSeconds} s, submit it as an async job (which waits in the job queue), or ask the operator to raise FORGESYTE_MAX_SYNC or the tool's maxConcurrency.`
          : `The server is shutting down and takes no new jobs. Retry after ${retryAfterSeconds} s, on another instance or once it is back.`,
      { retryable: true, details: { retry_after_seconds: retryAfterSeconds, queue_limit: queueLimit, reason, ...(reason === 'key_queue_full' && { setting: keyLimit }) } },
    );
  }
}
