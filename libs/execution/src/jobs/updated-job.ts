import type { Job, JobUpdate } from './job';
import type { JobStatus } from './job-status';

/**
 * `job` moved to `status` with the fields `update` sets: a field `update` has as an own property, even
 * `undefined` (which clears it), replaces the job's. Written out field by field: one allocation of a
 * fixed shape, where `Object.assign({}, job, update)` grows a fresh object key by key.
 */
export function updatedJob(job: Job, status: JobStatus, update: JobUpdate): Job {
  return {
    id: job.id,
    plugin: job.plugin,
    tool: 'tool' in update ? (update.tool as Job['tool']) : job.tool,
    mode: job.mode,
    status,
    owner: job.owner,
    priority: job.priority,
    createdAt: job.createdAt,
    startedAt: 'startedAt' in update ? (update.startedAt as Job['startedAt']) : job.startedAt,
    completedAt: 'completedAt' in update ? (update.completedAt as Job['completedAt']) : job.completedAt,
    durationMs: 'durationMs' in update ? (update.durationMs as Job['durationMs']) : job.durationMs,
    progress: 'progress' in update ? (update.progress as Job['progress']) : job.progress,
    args: 'args' in update ? update.args : job.args,
    result: 'result' in update ? update.result : job.result,
    error: 'error' in update ? update.error : job.error,
    idempotencyKey: job.idempotencyKey,
    requestHash: job.requestHash,
    attempt: 'attempt' in update ? (update.attempt as Job['attempt']) : job.attempt,
    attempts: job.attempts,
    attemptErrors: 'attemptErrors' in update ? (update.attemptErrors as Job['attemptErrors']) : job.attemptErrors,
    nextAttemptAt: 'nextAttemptAt' in update ? (update.nextAttemptAt as Job['nextAttemptAt']) : job.nextAttemptAt,
    pluginVersion: 'pluginVersion' in update ? (update.pluginVersion ?? null) : job.pluginVersion,
  };
}
