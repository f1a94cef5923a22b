import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap, Optional } from '@nestjs/common';
import {
  CancelledError,
  type ErrorBody,
  errorMessageOf,
  ExecutionFailedError,
  type ForgeSyteError,
  IdempotencyConflictError,
  JobAlreadyFinishedError,
} from '@forgesyte/errors';
import { CallCancellation, type CallerSignal, NO_TRACING, SPAN_ATTRIBUTES, SPAN_NAMES, type TraceParent, Tracing } from '@forgesyte/runtime';
import type { AnalysisRequest } from './analysis-request';
import { JOB_BACKEND, type JobBackend } from './backend/job-backend';
import { fingerprint } from './canonical-json';
import type { LocalJobs } from './cluster/job-cluster';
import { EXECUTION_OPTIONS } from './execution.module-definition';
import { EXECUTION_DEFAULTS, type ExecutionModuleOptions } from './execution.options';
import { JobLog } from './job-log';
import { JobOwnerCheck, NO_JOB_OWNER_CHECK } from './job-owner-check';
import { finalError, mayRetry } from './job-retry';
import { endJobSpan } from './job-span';
import { endingOf, interruptionOf, JobNotStartedError, JobTransitions } from './job-transitions';
import { AnnouncingJobStore } from './changes/announcing-job-store';
import type { StopWatching } from './changes/job-changes';
import type { Job, JobProgress } from './jobs/job';
import { TERMINAL_STATUSES } from './jobs/job-status';
import { newJob } from './jobs/new-job';
import { type JobLoad, JobMetrics, NO_JOB_METRICS } from './metrics/job-metrics';
import { PluginExecutionService } from './plugin-execution.service';
import type { SubmitOptions } from './submit-options';
import type { SyncCallOptions } from './sync-call-options';
import type { JobConsumer, JobQueue } from './queue/job-queue';
import type { JobPage, JobQuery, JobStore } from './store/job-store';
import { isStoreUnavailable } from './store/terminal-write-outbox';

/** An earlier submission with the same idempotency key: the same job, or a conflict if the request differs. */
function replay(earlier: Job, idempotencyKey: string, requestHash: string | undefined): Submission {
  if (earlier.requestHash !== requestHash) throw new IdempotencyConflictError(idempotencyKey, earlier.id);
  return { job: earlier, replayed: true };
}

/** `JOB_ALREADY_FINISHED` for a cancel of `job`, which ended with `status` (as last seen, else as given). */
function alreadyFinished(job: Job, status: Job['status'] | undefined): JobAlreadyFinishedError {
  return new JobAlreadyFinishedError(job.id, status ?? job.status, { plugin: job.plugin, tool: job.tool ?? undefined });
}

/** The result of an async submission: the job, and whether an earlier submission already made it. */
export interface Submission {
  readonly job: Job;
  readonly replayed: boolean;
}

/**
 * Jobs and their state machine. Sync jobs run at once; async jobs wait in a bounded {@link JobQueue}
 * for a bounded number of executor slots, in this process or (BullMQ) in `apps/worker` processes.
 * Every job runs through {@link PluginExecutionService}, and can be cancelled while pending or
 * running: a running job's AbortSignal fires, in whichever process runs it.
 *
 * Where jobs live, and what that means at start and shutdown, is the {@link JobBackend}'s. When the
 * store fails (`STORE_UNAVAILABLE`: a full disk, Redis down), no caller is told an outcome the job's
 * record does not hold ({@link JobTransitions}); an async job that could not start is delivered again later.
 */
@Injectable()
export class JobExecutionService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobExecution');
  private readonly jobLog: JobLog;
  /** The jobs running in this process: how to cancel each, and its completion. */
  private readonly running = new Map<string, RunningJob>();
  private readonly store: JobStore;
  private readonly queue: JobQueue;
  private readonly transitions: JobTransitions;
  private shuttingDown = false;
  /** Queued (async) jobs running in this process: the executor slots in use. */
  private queuedRunning = 0;

  constructor(
    @Inject(JOB_BACKEND) private readonly backend: JobBackend,
    private readonly execution: PluginExecutionService,
    @Inject(EXECUTION_OPTIONS) private readonly options: ExecutionModuleOptions,
    @Optional() private readonly metrics: JobMetrics = NO_JOB_METRICS,
    @Optional() private readonly tracing: Tracing = NO_TRACING,
    @Optional() private readonly ownerCheck: JobOwnerCheck = NO_JOB_OWNER_CHECK,
  ) {
    const changed = backend.changes.changed;
    this.store = changed === undefined ? backend.store : new AnnouncingJobStore(backend.store, changed);
    this.queue = backend.queue;
    this.transitions = new JobTransitions(this.store, this.logger, metrics);
    this.jobLog = new JobLog(options.log);
    metrics.watchLoad(() => this.load());
  }

  /** The jobs of this process now, for the metrics. */
  load(): JobLoad {
    return { waiting: this.queue.waitingJobs(), running: this.running.size, slotsInUse: this.queuedRunning };
  }

  /**
   * Records a sync job, directly as `running`, and runs it now; resolves with the finished job, whatever its status. Throws
   * `OVERLOADED` once shutdown began: no new work starts while running jobs are being interrupted.
   * When `signal` aborts (the caller went away), the job is cancelled as by {@link cancel}. `requestId`
   * (the HTTP request's) goes on the job's log lines; the job's span is the child of `traceparent`'s.
   * `call` records it as another waiting mode (`mcp`) and lets the caller hear its progress.
   */
  async runSync(request: AnalysisRequest, owner: string, signal?: CallerSignal, requestId?: string, traceparent?: TraceParent, call?: SyncCallOptions): Promise<Job> {
    this.queue.assertOpen();
    const mode = call?.mode ?? 'sync';
    const candidate = newJob({ plugin: request.plugin, tool: this.toolOf(request), mode, owner, priority: request.priority });
    const release = this.backend.cluster.holdHere(candidate.id);
    try {
      const job = await this.store.insert(candidate);
      this.metrics.jobEntered('running', mode);
      return (await this.track(job.id, { job, args: request.args, requestId, onProgress: call?.onProgress }, signal, traceparent)) ?? job;
    } finally {
      release();
    }
  }

  /**
   * Checks the request (unknown plugin or tool, bad args: `ExecutionFailedError`), then stores a
   * pending job and queues it (`OVERLOADED` when the queue is full or the server is shutting down).
   * With an idempotency key this owner already used, returns that job even when the queue is full, or
   * throws `IDEMPOTENCY_CONFLICT` when the request differs. A job stored while shutdown began fails
   * with `JOB_INTERRUPTED` rather than wait forever. See {@link SubmitOptions} for the rest.
   */
  async submit(request: AnalysisRequest, owner: string, options: SubmitOptions = {}): Promise<Submission> {
    const { idempotencyKey, requestId, traceparent, maxQueued } = options;
    const problem = this.execution.check(request);
    if (problem !== undefined) throw new ExecutionFailedError(problem.toBody());
    const requestHash = idempotencyKey === undefined ? undefined : fingerprint(request);
    if (idempotencyKey !== undefined) {
      const earlier = await this.store.findByIdempotencyKey(owner, idempotencyKey);
      if (earlier !== undefined) return replay(earlier, idempotencyKey, requestHash);
    }
    const place = await this.queue.reserve(owner, maxQueued);
    const span = this.tracing.startSpan(SPAN_NAMES.jobSubmit, traceparent, 'producer');
    try {
      const attempts = this.execution.attemptsFor(request.plugin, request.tool, request.maxAttempts);
      const candidate = newJob({ plugin: request.plugin, tool: this.toolOf(request), mode: 'async', owner, priority: request.priority, args: request.args, idempotencyKey, requestHash, attempts });
      span.setAttribute(SPAN_ATTRIBUTES.jobId, candidate.id);
      const { stored, queued } = await place.queue(candidate, () => this.store.insert(candidate), span.traceparent);
      if (stored.id !== candidate.id) return replay(stored, idempotencyKey as string, requestHash);
      if (queued) {
        this.metrics.jobEntered('pending', 'async');
        this.jobLog.queued(stored, requestId);
        return { job: stored, replayed: false };
      }
      const interrupted = interruptionOf(stored).toBody();
      return { job: (await this.transitions.finish(stored.id, ['pending'], 'failed', { error: interrupted })) ?? stored, replayed: false };
    } finally {
      place.release();
      span.end();
    }
  }

  get(jobId: string): Promise<Job | undefined> {
    return this.store.get(jobId);
  }

  /** Calls `onChange` after each status change or progress report of the job, wherever it runs, until the returned function is called. */
  watch(jobId: string, onChange: () => void): Promise<StopWatching> {
    return this.backend.changes.watch(jobId, onChange);
  }

  /** How many jobs' outcomes the store refused and wait in memory to be written again (see {@link JobTransitions}). */
  get unwrittenOutcomes(): number {
    return this.transitions.unwrittenOutcomes;
  }

  list(query: JobQuery): Promise<JobPage> {
    return this.store.list(query);
  }

  /**
   * Cancels a pending or running job and resolves with it once it is `cancelled`. Throws
   * `JOB_ALREADY_FINISHED` when the job ended (perhaps just now, before the cancel reached it). A job
   * running in another process is asked to stop there; if that process does not confirm within
   * `cancelWaitMs`, resolves with the job as it is then (still `running`, its cancel requested).
   */
  async cancel(job: Job): Promise<Job> {
    if (job.status === 'pending') {
      const error = new CancelledError('not_started', { plugin: job.plugin, tool: job.tool ?? undefined, jobId: job.id });
      const cancelled = await this.transitions.finish(job.id, ['pending'], 'cancelled', { error: error.toBody() });
      if (cancelled !== undefined) {
        await this.queue.remove(job);
        return cancelled;
      }
      // No longer pending: it started (stopped below), or it ended meanwhile, perhaps by another cancel, which alone cancelled it.
      const now = await this.store.get(job.id);
      if (now === undefined || TERMINAL_STATUSES.has(now.status)) throw alreadyFinished(job, now?.status);
    }
    const local = this.running.get(job.id);
    if (local !== undefined) local.cancellation.abort();
    else await this.backend.cluster.abortElsewhere(job.id);
    const finished = (await this.running.get(job.id)?.completion) ?? (await this.finishedInStore(job.id));
    if (finished?.status === 'cancelled' || finished?.status === 'running') return finished;
    throw alreadyFinished(job, finished?.status);
  }

  /** Crash recovery (the backend's policy), then starts taking cancels from other processes and queued jobs. */
  async onApplicationBootstrap(): Promise<void> {
    const recovered = await this.backend.recover((job) => this.interruptRecovered(job));
    if (recovered.interrupted + recovered.queuedAgain > 0) {
      this.logger.log(
        `recovered jobs: ${recovered.interrupted} left unfinished by a previous process failed as JOB_INTERRUPTED, ${recovered.queuedAgain} pending queued again`,
      );
    }
    await this.backend.cluster.start(this.localJobs);
    await this.queue.start(this.localJobs);
  }

  /**
   * On shutdown: start nothing new; let running jobs finish within the grace period, then stop them as
   * `JOB_INTERRUPTED`. Waiting jobs stay `pending` in a durable store (the next start runs them), and
   * fail as `JOB_INTERRUPTED` where they would be lost (the backend decides).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    await this.backend.drain((jobId) => this.transitions.interruptWaiting(jobId));
    const running = [...this.running.values()];
    await settledWithin(running.map((job) => job.completion), this.options.shutdownGraceMs ?? EXECUTION_DEFAULTS.shutdownGraceMs);
    for (const job of this.running.values()) job.cancellation.abort();
    await Promise.allSettled(running.map((job) => job.completion));
    await this.transitions.flushBeforeExit(OUTBOX_FLUSH_MS);
    await this.queue.close();
    await this.backend.cluster.close();
  }

  /** What the queue and the cluster reach in this process: runs, aborts and interrupts its jobs. */
  private readonly localJobs: JobConsumer & LocalJobs = {
    execute: (jobId, traceparent) => this.runQueued(jobId, traceparent),
    abort: (jobId) => this.running.get(jobId)?.cancellation.abort(),
    interrupt: (jobId) => this.interruptOrphan(jobId).catch((error: unknown) => this.logger.warn(`could not mark job ${jobId} interrupted: ${errorMessageOf(error)}`)),
  };

  /**
   * Fails a job whose process died (another process, or this one's queue, says so) as `JOB_INTERRUPTED`,
   * or, when it was running and may make another attempt, sends it back to `pending` for that attempt.
   * A job already waiting between attempts is left waiting, and queued again for its time: on Redis, the
   * delivery of its interrupted attempt can outlive the retry's add (BullMQ puts a stalled job back on its
   * wait list, to be failed when next taken), which then added nothing, and that failure is what says so
   * here. Queuing a job that is queued already changes nothing.
   */
  private async interruptOrphan(jobId: string): Promise<void> {
    const job = await this.store.get(jobId);
    if (job === undefined || TERMINAL_STATUSES.has(job.status)) return;
    if (job.status === 'pending' && job.nextAttemptAt !== null) return this.queue.retryAt(job, job.nextAttemptAt.getTime());
    const interrupted = interruptionOf(job).toBody();
    if (job.status === 'running' && (await this.retriedLater(job, interrupted))) return;
    await this.transitions.finish(jobId, ['pending', 'running'], 'failed', { error: finalError(job, interrupted) });
    this.running.get(jobId)?.cancellation.abort();
  }

  /** Crash recovery of a job a previous process left unfinished: another attempt when it may make one, else `JOB_INTERRUPTED`. */
  private async interruptRecovered(job: Job): Promise<void> {
    if (job.status === 'running' && (await this.retriedLater(job, interruptionOf(job).toBody()))) return;
    await this.transitions.interrupt(job);
  }

  /**
   * Retries with backoff: when the attempt of `job` (still `running` in the store) that failed with
   * `error` may be followed by another ({@link PluginExecutionService.nextAttemptAt}), moves the job
   * back to `pending` and queues it for that time. True when it did, or when the job was no longer
   * running (someone else moved it); false when the job must end now, also when the store refused the
   * write (the job then ends with this attempt's error, which the outbox writes once it can).
   */
  private async retriedLater(job: Job, error: ErrorBody | undefined): Promise<boolean> {
    if (!mayRetry(job, error) || this.shuttingDown) return false;
    const at = this.execution.nextAttemptAt(job, error);
    if (at === undefined) return false;
    let waiting: Job | undefined;
    try {
      waiting = await this.transitions.retry(job, error, at);
    } catch (failure) {
      if (!isStoreUnavailable(failure)) throw failure;
      this.logger.warn(`job ${job.id}: could not record it waiting for attempt ${job.attempt + 1} (${errorMessageOf(failure)}); it ends with this attempt's error`);
      return false;
    }
    if (waiting === undefined) return true;
    this.logger.log(`job ${job.id}: attempt ${job.attempt} of ${job.attempts} failed with ${error.code}; attempt ${waiting.attempt} starts at ${at.toISOString()}`);
    await this.queue.retryAt(waiting, at.getTime()).catch((failure: unknown) => {
      this.logger.warn(`job ${job.id}: could not queue attempt ${waiting.attempt} (${errorMessageOf(failure)}); it stays pending, and the next start queues it`);
    });
    return true;
  }

  /** Polls the store until the job is finished or `cancelWaitMs` passed; the job as last seen. */
  private async finishedInStore(jobId: string): Promise<Job | undefined> {
    const giveUpAt = Date.now() + (this.options.cancelWaitMs ?? EXECUTION_DEFAULTS.cancelWaitMs);
    for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
      const job = await this.store.get(jobId);
      if (job === undefined || TERMINAL_STATUSES.has(job.status) || Date.now() >= giveUpAt) return job;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  /** The tool a request runs, as its job records it. */
  private toolOf(request: AnalysisRequest): string | null {
    return this.execution.toolNameFor(request.plugin, request.tool) ?? null;
  }

  /**
   * Runs a queued job; false when the store failed before it could start, so that the queue delivers
   * it again later. When its outcome could not be written, holds the slot until the outbox wrote it:
   * a worker that dies meanwhile leaves the job to the stalled-job check, not `running` for ever.
   */
  private async runQueued(jobId: string, traceparent?: TraceParent): Promise<boolean> {
    this.queuedRunning += 1;
    try {
      await this.track(jobId, undefined, undefined, traceparent);
      return true;
    } catch (error) {
      if (error instanceof JobNotStartedError) return false;
      if (!isStoreUnavailable(error)) this.logger.error(`job ${jobId} failed unexpectedly: ${errorMessageOf(error)}`);
      await this.transitions.untilWritten(jobId);
      return true;
    } finally {
      this.queuedRunning -= 1;
    }
  }

  /**
   * Runs the job ({@link runJob}) with a cancellation that `cancel` (or shutdown, or the sync
   * caller's `callerSignal`) fires, and keeps its completion until it settles; traced, in a `forgesyte.job`
   * span, the child of `traceparent` (the HTTP request's, or the submission's for a queued job).
   */
  private async track(jobId: string, sync?: SyncRun, callerSignal?: CallerSignal, traceparent?: TraceParent): Promise<Job | undefined> {
    const cancellation = new CallCancellation();
    let callerGone: (() => void) | undefined;
    if (callerSignal !== undefined) {
      callerGone = (): void => cancellation.abort();
      callerSignal.addEventListener('abort', callerGone, { once: true });
      if (callerSignal.aborted) cancellation.abort();
    }
    const span = this.tracing.startSpan(SPAN_NAMES.job, traceparent, sync === undefined ? 'consumer' : 'internal');
    const completion = this.runJob(jobId, cancellation, sync, span.traceparent);
    this.running.set(jobId, { cancellation, completion });
    let finished: Job | undefined;
    try {
      finished = await completion;
      return finished;
    } finally {
      this.running.delete(jobId);
      if (callerGone !== undefined) callerSignal?.removeEventListener('abort', callerGone);
      endJobSpan(span, jobId, finished);
    }
  }

  /**
   * Runs the job and records how it ended. A queued job is started first if it is still `pending`
   * (compare-and-set, so that no job runs twice), and runs with the `args` its record keeps until it
   * ends; a sync job was stored `running`, and runs with the request's.
   */
  private async runJob(jobId: string, cancellation: CallCancellation, sync: SyncRun | undefined, traceparent: TraceParent | undefined): Promise<Job | undefined> {
    let running = sync?.job;
    if (running === undefined) {
      // A cancel the store failed to record waits in the outbox: the job must not start meanwhile.
      if (this.transitions.awaitsWrite(jobId)) return undefined;
      running = await this.transitions.start(jobId);
      if (running === undefined) return this.store.get(jobId);
      const refusal = this.ownerCheck.refusal(running);
      if (refusal !== undefined) return this.refuseToRun(running, refusal);
    }
    this.jobLog.started(running, sync?.requestId);
    const outcome = await this.execution.execute({
      plugin: running.plugin,
      tool: running.tool ?? undefined,
      args: sync === undefined ? running.args : sync.args,
      jobId,
      signal: cancellation,
      traceparent,
      // A progress report the store failed to keep is only logged (by the store): the job goes on.
      onProgress: (progress) => {
        void this.store.setProgress(jobId, progress).catch(() => undefined);
        sync?.onProgress?.(progress);
      },
    });
    const [status, ending] = endingOf(running, outcome, this.shuttingDown);
    if (status === 'failed' && running.mode === 'async' && (await this.retriedLater(running, ending.error))) return this.store.get(jobId);
    const last = status === 'failed' && ending.error !== undefined && running.attempts > 1 ? { ...ending, error: finalError(running, ending.error) } : ending;
    const finished = await this.transitions.finish(jobId, ['running'], status, last);
    if (finished !== undefined) this.jobLog.ended(running, outcome, finished.status, sync?.requestId);
    return finished ?? this.store.get(jobId);
  }

  /**
   * Ends a queued job just started, without running its tool, because its owner may no longer run it
   * ({@link JobOwnerCheck}): `failed` with `error`, logged and counted as any failed job.
   */
  private async refuseToRun(job: Job, error: ForgeSyteError): Promise<Job | undefined> {
    this.logger.warn(`job ${job.id} of key ${job.owner} ends ${error.code} without running: ${error.message}`);
    const finished = await this.transitions.finish(job.id, ['running'], 'failed', { error: finalError(job, error.toBody()) });
    if (finished !== undefined) this.jobLog.ended(job, { ok: false, error, durationMs: 0, pluginVersion: undefined }, finished.status, undefined);
    return finished ?? this.store.get(job.id);
  }
}

/** At shutdown, how long outcomes the store failed to record are retried before the process stops. */
const OUTBOX_FLUSH_MS = 5_000;

/** A sync job as stored (`running`), the request's args, and the HTTP request's id for its log lines. */
interface SyncRun {
  readonly job: Job;
  readonly args: unknown;
  readonly requestId: string | undefined;
  readonly onProgress?: (progress: JobProgress) => void;
}

/** A job running in this process. */
interface RunningJob {
  readonly cancellation: CallCancellation;
  readonly completion: Promise<Job | undefined>;
}

/** Resolves when every promise has settled, or after `ms`, whichever comes first. */
async function settledWithin(promises: readonly Promise<unknown>[], ms: number): Promise<void> {
  if (promises.length === 0 || ms <= 0) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([Promise.allSettled(promises), timeout]);
  clearTimeout(timer);
}
