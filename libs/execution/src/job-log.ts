import type { ExecutionOutcome } from '@forgesyte/runtime';
import type { Logger } from 'pino';
import type { Job } from './jobs/job';
import type { JobStatus } from './jobs/job-status';

/**
 * The job's lines, fields for machines (`job_id`, `plugin`, `tool`, `key_id`, `request_id`) and a short
 * `msg` for people, tagged `context: JobExecution`. `request_id` is the id of the HTTP request that made
 * the job, where this process knows it: on a sync job's lines, and on the line that queues an async one
 * (which links the two ids; the async job's later lines, perhaps in `apps/worker`, carry its `job_id`).
 * Written on the process's pino logger directly; with none, nothing is written.
 */
export class JobLog {
  private readonly lines: Logger | undefined;

  constructor(log: Logger | undefined) {
    this.lines = log?.child({ context: 'JobExecution' });
  }

  /** An async job was stored and queued (info). */
  queued(job: Job, requestId: string | undefined): void {
    this.lines?.info({ job_id: job.id, plugin: job.plugin, tool: job.tool, mode: job.mode, key_id: job.owner, request_id: requestId }, 'job queued');
  }

  /** A job's tool is about to run (debug; its fields are not even gathered below that level). */
  started(job: Job, requestId: string | undefined): void {
    if (this.lines?.isLevelEnabled('debug') !== true) return;
    this.lines.debug({ job_id: job.id, plugin: job.plugin, tool: job.tool, mode: job.mode, request_id: requestId }, 'job started');
  }

  /** A job ended and its record says so (info): `outcome` is `success` or the error's code. */
  ended(job: Job, outcome: ExecutionOutcome, status: JobStatus, requestId: string | undefined): void {
    this.lines?.info(
      {
        job_id: job.id,
        plugin: job.plugin,
        tool: job.tool,
        mode: job.mode,
        key_id: job.owner,
        request_id: requestId,
        status,
        outcome: outcome.ok ? 'success' : outcome.error.code,
        duration_ms: Math.round(outcome.durationMs * 1000) / 1000,
      },
      'job ended',
    );
  }
}
