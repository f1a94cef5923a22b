import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import {
  CancelledError,
  type ErrorBody,
  ExecutionFailedError,
  IdempotencyConflictError,
  JobAlreadyFinishedError,
  JobInterruptedError,
} from '@forgesyte/errors';
import type { ExecutionOutcome } from '@forgesyte/runtime';
import type { AnalysisRequest } from './analysis-request';
import { fingerprint } from './canonical-json';
import { EXECUTION_OPTIONS } from './execution.module-definition';
import { EXECUTION_DEFAULTS, type ExecutionModuleOptions } from './execution.options';
import { JobQueue } from './job-queue';
import type { Job, JobMode } from './jobs/job';
import type { JobStatus } from './jobs/job-status';
import { newJob } from './jobs/new-job';
import { PluginExecutionService } from './plugin-execution.service';
import { JOB_STORE, type JobPage, type JobQuery, type JobStore } from './store/job-store';

/** An earlier submission with the same idempotency key: the same job, or a conflict if the request differs. */
function replay(earlier: Job, idempotencyKey: string, requestHash: string | undefined): Submission {
  if (earlier.requestHash !== requestHash) throw new IdempotencyConflictError(idempotencyKey, earlier.id);
  return { job: earlier, replayed: true };
}

/** The result of an async submission: the job, and whether an earlier submission already made it. */
export interface Submission {
  readonly job: Job;
  readonly replayed: boolean;
}

/**
 * Jobs and their state machine. Sync jobs run at once; async jobs wait in a bounded queue for a
 * bounded number of executor slots. Every job runs through {@link PluginExecutionService}, and can be
 * cancelled while pending or running: a running job's AbortSignal fires.
 */
@Injectable()
export class JobExecutionService implements BeforeApplicationShutdown {
  private readonly queue: JobQueue;
  private readonly controllers = new Map<string, AbortController>();
  private readonly completions = new Map<string, Promise<Job>>();
  private shuttingDown = false;

  constructor(
    @Inject(JOB_STORE) private readonly store: JobStore,
    private readonly execution: PluginExecutionService,
    @Inject(EXECUTION_OPTIONS) options: ExecutionModuleOptions,
  ) {
    this.queue = new JobQueue(
      options.maxConcurrency ?? EXECUTION_DEFAULTS.maxConcurrency,
      options.maxQueue ?? EXECUTION_DEFAULTS.maxQueue,
      (jobId) => this.runQueued(jobId),
    );
  }

  /**
   * Records a sync job and runs it now; resolves with the finished job, whatever its status. Throws
   * `OVERLOADED` once shutdown began: no new work starts while running jobs are being interrupted.
   */
  async runSync(request: AnalysisRequest, owner: string): Promise<Job> {
    this.queue.assertOpen();
    const job = await this.store.insert(newJob({ ...this.identify(request, 'sync'), owner }));
    return this.execute(job, request.args);
  }

  /**
   * Checks the request (unknown plugin or tool, bad args: `ExecutionFailedError`), then stores a
   * pending job and queues it (`OVERLOADED` when the queue is full or the server is shutting down).
   * With an idempotency key this owner already used, returns that job even when the queue is full, or
   * throws `IDEMPOTENCY_CONFLICT` when the request differs. A job stored while shutdown began fails
   * with `JOB_INTERRUPTED` rather than wait forever.
   */
  async submit(request: AnalysisRequest, owner: string, idempotencyKey?: string): Promise<Submission> {
    const problem = this.execution.check(request);
    if (problem !== undefined) throw new ExecutionFailedError(problem.toBody());
    const requestHash = idempotencyKey === undefined ? undefined : fingerprint(request);
    if (idempotencyKey !== undefined) {
      const earlier = await this.store.findByIdempotencyKey(owner, idempotencyKey);
      if (earlier !== undefined) return replay(earlier, idempotencyKey, requestHash);
    }
    const enqueue = this.queue.reserve();
    try {
      const candidate = newJob({ ...this.identify(request, 'async'), owner, args: request.args, idempotencyKey, requestHash });
      const stored = await this.store.insert(candidate);
      if (stored.id !== candidate.id) return replay(stored, idempotencyKey as string, requestHash);
      if (enqueue(stored.id)) return { job: stored, replayed: false };
      const interrupted = new JobInterruptedError({ plugin: stored.plugin, tool: stored.tool ?? undefined, jobId: stored.id });
      return { job: (await this.finish(stored.id, ['pending'], 'failed', { error: interrupted.toBody() })) ?? stored, replayed: false };
    } finally {
      enqueue();
    }
  }

  get(jobId: string): Promise<Job | undefined> {
    return this.store.get(jobId);
  }

  list(query: JobQuery): Promise<JobPage> {
    return this.store.list(query);
  }

  /**
   * Cancels a pending or running job and resolves with it once it is `cancelled`. Throws
   * `JOB_ALREADY_FINISHED` when the job ended (perhaps just now, before the cancel reached it).
   */
  async cancel(job: Job): Promise<Job> {
    if (job.status === 'pending') {
      const error = new CancelledError('not_started', { plugin: job.plugin, tool: job.tool ?? undefined, jobId: job.id });
      const cancelled = await this.finish(job.id, ['pending'], 'cancelled', { error: error.toBody() });
      if (cancelled !== undefined) {
        this.queue.remove(job.id);
        return cancelled;
      }
    }
    this.controllers.get(job.id)?.abort();
    const finished = (await this.completions.get(job.id)) ?? (await this.store.get(job.id));
    if (finished?.status !== 'cancelled') {
      throw new JobAlreadyFinishedError(job.id, finished?.status ?? job.status, { plugin: job.plugin, tool: job.tool ?? undefined });
    }
    return finished;
  }

  /** On shutdown: start nothing new, fail waiting jobs and stop running ones as `JOB_INTERRUPTED`. */
  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    for (const jobId of this.queue.stop()) {
      await this.finish(jobId, ['pending'], 'failed', { error: new JobInterruptedError({ jobId }).toBody() });
    }
    for (const controller of this.controllers.values()) controller.abort();
    await Promise.allSettled(this.completions.values());
  }

  private identify(request: AnalysisRequest, mode: JobMode) {
    return { plugin: request.plugin, tool: this.execution.toolNameFor(request.plugin, request.tool) ?? null, mode };
  }

  private async runQueued(jobId: string): Promise<void> {
    const job = await this.store.get(jobId);
    if (job?.status === 'pending') await this.execute(job, job.args);
  }

  private execute(job: Job, args: unknown): Promise<Job> {
    const controller = new AbortController();
    this.controllers.set(job.id, controller);
    const completion = this.runJob(job, args, controller.signal).finally(() => {
      this.controllers.delete(job.id);
      this.completions.delete(job.id);
    });
    this.completions.set(job.id, completion);
    return completion;
  }

  private async runJob(job: Job, args: unknown, signal: AbortSignal): Promise<Job> {
    const running = await this.store.transition(job.id, ['pending'], 'running', { startedAt: new Date(), args: undefined });
    if (running === undefined) return (await this.store.get(job.id)) ?? job;
    const outcome = await this.execution.execute({
      plugin: job.plugin,
      tool: job.tool ?? undefined,
      args,
      jobId: job.id,
      signal,
      onProgress: (progress) => void this.store.setProgress(job.id, progress),
    });
    const [status, update] = this.settle(job, outcome);
    return (await this.finish(job.id, ['running'], status, update)) ?? (await this.store.get(job.id)) ?? job;
  }

  /** The terminal status and fields an outcome gives a job. */
  private settle(job: Job, outcome: ExecutionOutcome): [JobStatus, { result?: unknown; error?: ErrorBody; durationMs: number }] {
    const durationMs = outcome.durationMs;
    if (outcome.ok) return ['success', { result: outcome.result, durationMs }];
    if (outcome.error.code !== 'CANCELLED') return ['failed', { error: outcome.error.toBody(), durationMs }];
    if (!this.shuttingDown) return ['cancelled', { error: outcome.error.toBody(), durationMs }];
    const interrupted = new JobInterruptedError({ plugin: job.plugin, tool: job.tool ?? undefined, jobId: job.id });
    return ['failed', { error: interrupted.toBody(), durationMs }];
  }

  private finish(
    jobId: string,
    from: readonly JobStatus[],
    to: JobStatus,
    update: { result?: unknown; error?: ErrorBody; durationMs?: number },
  ): Promise<Job | undefined> {
    return this.store.transition(jobId, from, to, { ...update, args: undefined, completedAt: new Date() });
  }
}
