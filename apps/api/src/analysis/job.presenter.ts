import type { ErrorBody } from '@forgesyte/errors';
import type { Job, JobPage, JobStatus } from '@forgesyte/execution';

/** A job on the wire (snake_case). */
export interface JobJson {
  readonly job_id: string;
  readonly plugin: string;
  readonly tool: string | null;
  readonly mode: 'sync' | 'async';
  readonly status: JobStatus;
  readonly created_at: string;
  readonly started_at: string | null;
  readonly completed_at: string | null;
  readonly duration_ms: number | null;
  readonly progress: { readonly fraction: number; readonly message: string | null } | null;
}

/** A finished job on the wire, with its result or error. */
export interface JobOutcomeJson extends JobJson {
  readonly result?: unknown;
  readonly error?: ErrorBody;
}

/** The body of a successful sync analysis. */
export interface SyncResultJson {
  readonly job_id: string;
  readonly plugin: string;
  readonly tool: string | null;
  readonly status: 'success';
  readonly result: unknown;
  readonly duration_ms: number | null;
}

export function presentJob(job: Job): JobJson {
  return {
    job_id: job.id,
    plugin: job.plugin,
    tool: job.tool,
    mode: job.mode,
    status: job.status,
    created_at: job.createdAt.toISOString(),
    started_at: job.startedAt?.toISOString() ?? null,
    completed_at: job.completedAt?.toISOString() ?? null,
    duration_ms: roundMs(job.durationMs),
    progress: job.progress,
  };
}

export function presentJobOutcome(job: Job): JobOutcomeJson {
  return job.status === 'success' ? { ...presentJob(job), result: job.result } : { ...presentJob(job), error: job.error };
}

export function presentSyncResult(job: Job): SyncResultJson {
  return {
    job_id: job.id,
    plugin: job.plugin,
    tool: job.tool,
    status: 'success',
    result: job.result,
    duration_ms: roundMs(job.durationMs),
  };
}

export function presentJobPage(page: JobPage): { jobs: JobJson[]; count: number; next_cursor: string | null } {
  return { jobs: page.jobs.map(presentJob), count: page.jobs.length, next_cursor: page.nextCursor };
}

function roundMs(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms * 1000) / 1000;
}
