import { ForgeSyteError } from '../forgesyte.error';

/** The job queue is full; the server takes no more async jobs until some finish. */
export class OverloadedError extends ForgeSyteError {
  override readonly name = 'OverloadedError';
  readonly code = 'OVERLOADED';
  readonly type = 'RateLimitError';

  constructor(
    readonly retryAfterSeconds: number,
    queueLimit: number,
  ) {
    super(
      `The job queue is full (${queueLimit} jobs waiting). Retry after ${retryAfterSeconds} s, or ask the operator to raise FORGESYTE_MAX_QUEUE or FORGESYTE_MAX_CONCURRENCY.`,
      { retryable: true, details: { retry_after_seconds: retryAfterSeconds, queue_limit: queueLimit } },
    );
  }
}
