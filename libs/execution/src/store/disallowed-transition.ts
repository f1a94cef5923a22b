import type { JobStatus } from '../jobs/job-status';

/**
 * The error a store throws when asked for a move the job state machine forbids (see
 * `ALLOWED_TRANSITIONS`): a bug in the caller, never a race, so it is thrown rather than reported as
 * `undefined`.
 */
export function disallowedTransition(id: string, status: JobStatus, to: JobStatus): Error {
  return new Error(`job ${id} cannot move from ${status} to ${to}`);
}
