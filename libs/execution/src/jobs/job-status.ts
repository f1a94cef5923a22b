/** Every status a job can have, exactly: pending → running → success | failed | cancelled (or back to pending for another attempt). */
export const JOB_STATUSES = ['pending', 'running', 'success', 'failed', 'cancelled'] as const;

/** One of {@link JOB_STATUSES}. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** The statuses a job never leaves. */
export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set<JobStatus>(['success', 'failed', 'cancelled']);

/**
 * Which statuses a job may move to from each status. `running → pending` is an async job whose attempt
 * failed with a retryable error and that waits for its next attempt.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  pending: ['running', 'cancelled', 'failed'],
  running: ['success', 'failed', 'cancelled', 'pending'],
  success: [],
  failed: [],
  cancelled: [],
};
