/** How the wait before a tool's next attempt grows: the same each time, or doubling from `delayMs`. */
export type RetryBackoffType = 'fixed' | 'exponential';

/** The wait between a tool's failed attempt and its next one. */
export interface RetryBackoff {
  /** `fixed`: every wait is `delayMs`; `exponential`: the n-th wait is `delayMs × 2^(n-1)`. */
  readonly type: RetryBackoffType;
  /** The first wait, in milliseconds (0 to {@link RETRY_LIMITS.maxDelayMs}). */
  readonly delayMs: number;
  /** No wait is longer than this, in milliseconds (at least `delayMs`); {@link RETRY_LIMITS.maxDelayMs} when absent. */
  readonly maxDelayMs?: number;
}

/**
 * How often an async job of a tool is tried when an attempt fails with a retryable error
 * (`retryable: true` in its envelope: `PLUGIN_TIMEOUT`, `PLUGIN_CRASHED`, `JOB_INTERRUPTED`…). A
 * non-retryable error ends the job at once; sync calls are never retried.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included: 1 (never retried) to {@link RETRY_LIMITS.maxAttempts}. */
  readonly attempts: number;
  readonly backoff: RetryBackoff;
}

/** The bounds a {@link RetryPolicy} must stay within; a plugin declaring one outside them is UNAVAILABLE. */
export const RETRY_LIMITS = Object.freeze({
  /** The most attempts a tool may declare, and an async job may ask for. */
  maxAttempts: 20,
  /** The longest wait between attempts: one day, in milliseconds. */
  maxDelayMs: 86_400_000,
});
