import { ForgeSyteError } from '../forgesyte.error';

/** The rate a caller went over: `quota` requests in each window of `windowSeconds`, and what sets it. */
export interface ExceededRate {
  readonly quota: number;
  readonly windowSeconds: number;
  /** What sets the rate, for the operator to raise: `FORGESYTE_RATE_LIMIT`, or a stored key's `limits.rate_per_minute`. */
  readonly setting: string;
}

/** The caller sent too many requests; retry after the given delay. */
export class RateLimitedError extends ForgeSyteError {
  override readonly name = 'RateLimitedError';
  readonly code = 'RATE_LIMITED';
  readonly type = 'RateLimitError';

  constructor(
    readonly retryAfterSeconds: number,
    rate?: ExceededRate,
  ) {
    super(
      rate === undefined
        ? `Too many requests. Retry after ${retryAfterSeconds} s.`
        : `This API key sent more than ${rate.quota} requests in ${rate.windowSeconds} s, its rate limit (${rate.setting}). Retry after ${retryAfterSeconds} s; the RateLimit header of each answer says how many requests remain in the current window. To send more, spread the requests out, or ask the operator to raise ${rate.setting}.`,
      {
        retryable: true,
        details:
          rate === undefined
            ? { retry_after_seconds: retryAfterSeconds }
            : { retry_after_seconds: retryAfterSeconds, quota: rate.quota, window_seconds: rate.windowSeconds, setting: rate.setting },
      },
    );
  }
}
