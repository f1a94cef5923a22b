import { ForgeSyteError } from '../forgesyte.error';

/** The caller sent too many requests; retry after the given delay. */
export class RateLimitedError extends ForgeSyteError {
  override readonly name = 'RateLimitedError';
  readonly code = 'RATE_LIMITED';
  readonly type = 'RateLimitError';

  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests. Retry after ${retryAfterSeconds} s.`, {
      retryable: true,
      details: { retry_after_seconds: retryAfterSeconds },
    });
  }
}
