import type { Job, JobPage } from '@forgesyte/execution';
import type { JobOutcomeResponse, JobPageResponse, JobResponse, SyncResultResponse } from './dto/job.response';

export function presentJob(job: Job): JobResponse {
  return {
    job_id: job.id,
    plugin: job.plugin,
    tool: job.tool,
    mode: job.mode,
    status: job.status,
    priority: job.priority,
    created_at: job.createdAt.toISOString(),
    started_at: job.startedAt?.toISOString() ?? null,
    completed_at: job.completedAt?.toISOString() ?? null,
    duration_ms: roundMs(job.durationMs),
    progress: job.progress,
    attempt: job.attempt,
    attempts: job.attempts,
    attempt_errors: job.attemptErrors,
    next_attempt_at: job.nextAttemptAt?.toISOString() ?? null,
    plugin_version: job.pluginVersion,
  };
}

export function presentJobOutcome(job: Job): JobOutcomeResponse {
  return job.status === 'success' ? { ...presentJob(job), result: job.result } : { ...presentJob(job), error: job.error };
}

export function presentSyncResult(job: Job): SyncResultResponse {
  return {
    job_id: job.id,
    plugin: job.plugin,
    tool: job.tool,
    status: 'success',
    result: job.result,
    duration_ms: roundMs(job.durationMs),
  };
}

export function presentJobPage(page: JobPage): JobPageResponse {
  return { jobs: page.jobs.map(presentJob), count: page.jobs.length, next_cursor: page.nextCursor };
}

function roundMs(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms * 1000) / 1000;
}
