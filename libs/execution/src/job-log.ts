import type { Logger } from '@nestjs/common';
import type { ExecutionOutcome } from '@forgesyte/runtime';
import type { Job } from './jobs/job';
import type { JobStatus } from './jobs/job-status';

/**
 * The job's lines, fields for machines (`job_id`, `plugin`, `tool`, `key_id`, `request_id`) and a short
 * `msg` for people. `request_id` is the id of the HTTP request that made the job, where this process
 * knows it: on a sync job's lines, and on the line that queues an async one (which links the two ids;
 * the async job's later lines, perhaps in `apps/worker`, carry its `job_id`).
 */
export class JobLog {
  constructor(private readonly logger: Logger) {}

  /** An async job was stored and queued (info). */
  queued(job: Job, requestId: string | undefined): void {
    this.logger.log({ msg: 'job queued', job_id: job.id, plugin: job.plugin, tool: job.tool, mode: job.mode, key_id: job.owner, request_id: requestId });
  }

  /** A job's tool is about to run (debug). */
  started(job: Job, requestId: string | undefined): void {
    this.logger.debug({ msg: 'job started', job_id: job.id, plugin: job.plugin, tool: job.tool, mode: job.mode, request_id: requestId });
  }

  /** A job ended and its record says so (info): `outcome` is `success` or the error's code. */
  ended(job: Job, outcome: ExecutionOutcome, status: JobStatus, requestId: string | undefined): void {
    this.logger.log({
      msg: 'job ended',
      job_id: job.id,
      plugin: job.plugin,
      tool: job.tool,
      mode: job.mode,
      key_id: job.owner,
      request_id: requestId,
      status,
      outcome: outcome.ok ? 'success' : outcome.error.code,
      duration_ms: outcome.durationMs,
    });
  }
}
