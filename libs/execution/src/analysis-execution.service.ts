import { Injectable, Optional } from '@nestjs/common';
import {
  ExecutionFailedError,
  InternalError,
  JobAlreadyFinishedError,
  JobNotFinishedError,
  JobNotFoundError,
  OverloadedError,
} from '@forgesyte/errors';
import type { CallerSignal, TraceParent } from '@forgesyte/runtime';
import type { AnalysisRequest } from './analysis-request';
import type { Caller } from './caller';
import type { StopWatching } from './changes/job-changes';
import { JobExecutionService, type Submission } from './job-execution.service';
import type { Job } from './jobs/job';
import { TERMINAL_STATUSES } from './jobs/job-status';
import { JobMetrics, NO_JOB_METRICS } from './metrics/job-metrics';
import type { JobPage, JobQuery } from './store/job-store';
import type { SyncCallOptions } from './sync-call-options';
import { SyncAdmission } from './sync-admission';

/**
 * What the API calls: run an analysis now or later, and read, list and cancel jobs. It enforces job
 * ownership: a caller who is not an admin sees only its own jobs, and others' jobs do not exist for it.
 */
@Injectable()
export class AnalysisExecutionService {
  constructor(
    private readonly jobs: JobExecutionService,
    private readonly admission: SyncAdmission,
    @Optional() private readonly metrics: JobMetrics = NO_JOB_METRICS,
  ) {}

  /**
   * Runs the analysis and waits: resolves with the successful job, or throws `ExecutionFailedError`.
   * Throws `OVERLOADED` (no job recorded) when {@link SyncAdmission} finds no slot for it in time.
   * `signal` aborts when the caller goes away: a waiting call leaves the queue (`CANCELLED`, no job
   * recorded), a running one is cancelled (its job ends `cancelled`), and its slot is freed. `requestId`
   * (the HTTP request's) goes on the job's log lines; `traceparent` (the HTTP request's span) is its job span's parent.
   * `call` records the job in another waiting mode (`mcp`) and hears its progress.
   */
  async analyze(request: AnalysisRequest, caller: Caller, signal?: CallerSignal, requestId?: string, traceparent?: TraceParent, call?: SyncCallOptions): Promise<Job> {
    let job: Job;
    try {
      const release = await this.admission.admit(request, signal);
      try {
        job = await this.jobs.runSync(request, caller.id, signal, requestId, traceparent, call);
      } finally {
        release();
      }
    } catch (error) {
      this.countRefusal(error);
      throw error;
    }
    if (job.status === 'success') return job;
    throw new ExecutionFailedError(job.error ?? new InternalError({ jobId: job.id }).toBody());
  }

  /**
   * Queues the analysis as an async job; `requestId` (the HTTP request's) goes on the line that queues it,
   * and `traceparent` (the HTTP request's span) is the parent of its submission's span.
   */
  async submit(request: AnalysisRequest, caller: Caller, idempotencyKey?: string, requestId?: string, traceparent?: TraceParent): Promise<Submission> {
    try {
      const submission = await this.jobs.submit(request, caller.id, { idempotencyKey, requestId, traceparent, maxQueued: caller.maxQueued });
      if (submission.replayed) this.metrics.idempotentReplay();
      return submission;
    } catch (error) {
      this.countRefusal(error);
      throw error;
    }
  }

  async getJob(jobId: string, caller: Caller): Promise<Job> {
    const job = await this.jobs.get(jobId);
    if (job === undefined || !(caller.isAdmin || job.owner === caller.id)) throw new JobNotFoundError(jobId);
    return job;
  }

  /**
   * Follows a job the caller may read (else `JOB_NOT_FOUND`, as {@link getJob}): `onChange` is called after
   * each of its status changes and progress reports from now on (read the job to see it), until the
   * returned function is called.
   */
  async watchJob(jobId: string, caller: Caller, onChange: () => void): Promise<StopWatching> {
    await this.getJob(jobId, caller);
    return this.jobs.watch(jobId, onChange);
  }

  /** The finished job with its result or error; `JOB_NOT_FINISHED` while it is pending or running. */
  async getResult(jobId: string, caller: Caller): Promise<Job> {
    const job = await this.getJob(jobId, caller);
    if (!TERMINAL_STATUSES.has(job.status)) throw new JobNotFinishedError(job.id, job.status, errorContextOf(job));
    return job;
  }

  listJobs(query: Omit<JobQuery, 'owner'>, caller: Caller): Promise<JobPage> {
    return this.jobs.list({ ...query, owner: caller.isAdmin ? undefined : caller.id });
  }

  /** Counts an `OVERLOADED` refusal by its reason. */
  private countRefusal(error: unknown): void {
    if (error instanceof OverloadedError) this.metrics.overloaded(String(error.details.reason));
  }

  async cancel(jobId: string, caller: Caller): Promise<Job> {
    const job = await this.getJob(jobId, caller);
    if (TERMINAL_STATUSES.has(job.status)) throw new JobAlreadyFinishedError(job.id, job.status, errorContextOf(job));
    return this.jobs.cancel(job);
  }
}

function errorContextOf(job: Job): { plugin: string; tool?: string } {
  return { plugin: job.plugin, tool: job.tool ?? undefined };
}
