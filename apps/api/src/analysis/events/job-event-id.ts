import { createHash } from 'node:crypto';
import type { Job } from '@forgesyte/execution';

/**
 * The id of the event that shows `job` as it is now: the same for the same state (status, attempt,
 * progress, next attempt), on any API process and connection, so that a client resuming with
 * `Last-Event-ID` is not sent again the state it last saw. Opaque: 16 characters of a hash.
 */
export function jobEventId(job: Job): string {
  const state = [job.status, job.attempt, job.progress?.fraction ?? '', job.progress?.message ?? '', job.nextAttemptAt?.getTime() ?? ''].join('\u0000');
  return createHash('sha256').update(state).digest('base64url').slice(0, 16);
}

/** A `Last-Event-ID` this server could have sent (anything else is ignored: the stream starts with the state). */
export function isJobEventId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{16}$/.test(value);
}
