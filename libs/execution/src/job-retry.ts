import type { ErrorBody } from '@forgesyte/errors';
import { RETRY_LIMITS, type RetryBackoff, type RetryPolicy } from '@forgesyte/plugin-sdk';
import type { Job, JobUpdate } from './jobs/job';

/**
 * How many attempts an async job may make: its tool's `retry.attempts` (1 without a policy), lowered to
 * the `max_attempts` the submission asked for. Asking for more than the tool allows gets what it allows.
 */
export function attemptsAllowed(policy: RetryPolicy | undefined, maxAttempts: number | undefined): number {
  const allowed = policy?.attempts ?? 1;
  return maxAttempts === undefined ? allowed : Math.max(1, Math.min(allowed, maxAttempts));
}

/** The wait after the `failedAttempt`-th attempt (1 for the first): fixed, or doubling, never above `maxDelayMs`. */
export function backoffDelayMs(backoff: RetryBackoff, failedAttempt: number): number {
  const ceiling = backoff.maxDelayMs ?? RETRY_LIMITS.maxDelayMs;
  const delay = backoff.type === 'exponential' ? backoff.delayMs * 2 ** Math.max(0, failedAttempt - 1) : backoff.delayMs;
  return Math.min(delay, ceiling);
}

/** Whether a job whose current attempt failed with `error` may try again: a retryable error, and attempts left. */
export function mayRetry(job: Pick<Job, 'mode' | 'attempt' | 'attempts'>, error: ErrorBody | undefined): error is ErrorBody {
  return job.mode === 'async' && error !== undefined && error.retryable && job.attempt < job.attempts;
}

/** What sends a job whose attempt failed with `error` back to `pending`, to start its next attempt at `at`. */
export function nextAttemptUpdate(job: Pick<Job, 'attempt' | 'attemptErrors'>, error: ErrorBody, at: Date): JobUpdate {
  return { attempt: job.attempt + 1, attemptErrors: [...job.attemptErrors, error], nextAttemptAt: at, startedAt: null, durationMs: null, progress: null };
}

/**
 * The error a job that may make several attempts ends with: its last attempt's, which says how many
 * attempts were made (in its message and as `details.attempts_made`); the earlier ones are the job's
 * `attemptErrors`. Unchanged for a job allowed one attempt.
 */
export function finalError(job: Pick<Job, 'attempt' | 'attempts'>, error: ErrorBody): ErrorBody {
  if (job.attempts <= 1) return error;
  const why =
    job.attempt >= job.attempts
      ? `It failed on all ${job.attempt} attempts it was allowed`
      : error.retryable
        ? `It failed on attempt ${job.attempt} of ${job.attempts} and was not tried again`
        : `It failed on attempt ${job.attempt} of ${job.attempts}; this error is not retryable, so it was not tried again`;
  const earlier = job.attempt > 1 ? ' (the earlier errors are in attempt_errors).' : '.';
  return { ...error, message: `${error.message} ${why}${earlier}`, details: { ...error.details, attempts_made: job.attempt } };
}
