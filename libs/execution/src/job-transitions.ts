import type { Logger } from '@nestjs/common';
import { type ErrorBody, errorMessageOf, InternalError, JobInterruptedError, StoreUnavailableError } from '@forgesyte/errors';
import type { ExecutionOutcome } from '@forgesyte/runtime';
import { finalError, nextAttemptUpdate } from './job-retry';
import type { Job, JobUpdate } from './jobs/job';
import type { JobMetrics } from './metrics/job-metrics';
import type { JobStatus } from './jobs/job-status';
import type { JobStore } from './store/job-store';
import { isStoreUnavailable, TerminalWriteOutbox } from './store/terminal-write-outbox';

/** The fields a job's end writes besides its status. */
export interface JobEnding {
  readonly result?: unknown;
  readonly error?: ErrorBody;
  readonly durationMs?: number;
  /** The version of the plugin that ran the attempt, when one did. */
  readonly pluginVersion?: string | null;
}

/** An async job the store failed to start: its queue delivers it again later. */
export class JobNotStartedError extends Error {
  override readonly name = 'JobNotStartedError';
}

/** The `JOB_INTERRUPTED` error of a job that a process stopped or died before it ended. */
export function interruptionOf(job: Pick<Job, 'id' | 'plugin' | 'tool'>): JobInterruptedError {
  return new JobInterruptedError({ plugin: job.plugin, tool: job.tool ?? undefined, jobId: job.id });
}

/** For a promise whose value nobody needs. */
function noValue(): void {}

/** For a write whose failure needs no handling: the outbox keeps the outcome and logs it. */
function keptForRetry(error: unknown): void {
  if (!isStoreUnavailable(error)) throw error;
}

/**
 * The writes that start and end jobs, made so that no caller is told an outcome the job's record does
 * not hold: when the store fails (`STORE_UNAVAILABLE`), the outcome waits in a {@link TerminalWriteOutbox}
 * and is written once the store takes writes again.
 */
export class JobTransitions {
  private readonly outbox: TerminalWriteOutbox;

  constructor(
    private readonly store: JobStore,
    private readonly logger: Logger,
    private readonly metrics: JobMetrics,
  ) {
    this.outbox = new TerminalWriteOutbox(store, logger);
  }

  /**
   * `pending → running` of a queued job (undefined when it is no longer pending). When the store fails,
   * throws {@link JobNotStartedError}, so that its queue delivers it again later. (A sync job is stored
   * `running`: it has no start to write.)
   */
  async start(jobId: string): Promise<Job | undefined> {
    try {
      const started = await this.store.transition(jobId, ['pending'], 'running', { startedAt: new Date(), nextAttemptAt: null });
      if (started !== undefined) this.metrics.jobEntered('running', started.mode);
      return started;
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error;
      this.logger.warn(`job ${jobId}: could not record it running (${errorMessageOf(error)}); it stays pending and is delivered again later`);
      throw new JobNotStartedError();
    }
  }

  /**
   * Records how a job ended. When the store is unavailable the outcome is kept in the outbox (written
   * later) and `STORE_UNAVAILABLE` naming the job is thrown: the caller must not report an outcome the
   * record does not hold. An outcome that can never be stored (a result too deep to serialize) is
   * recorded as a non-retryable `INTERNAL` failure instead.
   */
  async finish(jobId: string, from: readonly JobStatus[], to: JobStatus, ending: JobEnding): Promise<Job | undefined> {
    // Object.assign into a literal: spreading `ending` into one costs over a microsecond per job.
    const update: JobUpdate = Object.assign({ args: undefined, completedAt: new Date() }, ending);
    // A finished job has no next attempt: one cancelled or interrupted while it waited for it loses its
    // time. (A running job has none: the hot path, from `running`, writes nothing more.)
    if (from.includes('pending')) Object.assign(update, { nextAttemptAt: null });
    const write = { jobId, from, to, update };
    try {
      const finished = await this.outbox.write(write);
      if (finished !== undefined) this.metrics.jobEntered(finished.status, finished.mode);
      return finished;
    } catch (error) {
      if (isStoreUnavailable(error)) throw new StoreUnavailableError('write', 1, { jobId, cause: error });
      if (ending.error?.code === 'INTERNAL') throw error;
      this.logger.error(`job ${jobId}: its outcome (${to}) cannot be stored (${errorMessageOf(error)}); recorded as failed with INTERNAL instead`);
      const internal = new InternalError({ jobId, retryable: false }).toBody();
      return this.finish(jobId, from, 'failed', { error: internal, durationMs: ending.durationMs });
    }
  }

  /**
   * `running → pending` of an async job whose attempt failed with `error` and that may try again at
   * `at` (see `job-retry.ts`); undefined when it was no longer running. Throws `STORE_UNAVAILABLE` when
   * the store refused the write: the caller then ends the job instead, through {@link finish}.
   */
  async retry(job: Job, error: ErrorBody, at: Date): Promise<Job | undefined> {
    const waiting = await this.store.transition(job.id, ['running'], 'pending', nextAttemptUpdate(job, error, at));
    if (waiting !== undefined) this.metrics.jobEntered('pending', waiting.mode);
    return waiting;
  }

  /** Fails an unfinished job as `JOB_INTERRUPTED`; an outcome the store refused waits in the outbox. */
  interrupt(job: Pick<Job, 'id' | 'plugin' | 'tool' | 'status' | 'attempt' | 'attempts'>): Promise<void> {
    return this.finish(job.id, [job.status], 'failed', { error: finalError(job, interruptionOf(job).toBody()) }).then(noValue, keptForRetry);
  }

  /** Fails a job still waiting in a queue that stops for good as `JOB_INTERRUPTED`, as {@link interrupt} does. */
  interruptWaiting(jobId: string): Promise<void> {
    return this.finish(jobId, ['pending'], 'failed', { error: new JobInterruptedError({ jobId }).toBody() }).then(noValue, keptForRetry);
  }

  /** How many outcomes the store refused wait to be written again (readiness: none should). */
  get unwrittenOutcomes(): number {
    return this.outbox.size;
  }

  /** Whether an outcome of this job waits to be written (the job must not start meanwhile). */
  awaitsWrite(jobId: string): boolean {
    return this.outbox.has(jobId);
  }

  /** Resolves once no outcome of this job waits to be written any more. */
  untilWritten(jobId: string): Promise<void> {
    return this.outbox.untilWritten(jobId);
  }

  /** At shutdown: retries the outcomes the store refused for up to `withinMs`, then logs those left. */
  flushBeforeExit(withinMs: number): Promise<void> {
    return this.outbox.flushBeforeExit(withinMs);
  }
}

/**
 * The status and fields a run's outcome gives its job: a cancel is `cancelled`, except one made by
 * shutdown, which is the `JOB_INTERRUPTED` failure a retry can repair.
 */
export function endingOf(job: Job, outcome: ExecutionOutcome, shuttingDown: boolean): [JobStatus, JobEnding] {
  const durationMs = outcome.durationMs;
  const pluginVersion = outcome.pluginVersion ?? null;
  if (outcome.ok) return ['success', { result: outcome.result, durationMs, pluginVersion }];
  if (outcome.error.code !== 'CANCELLED') return ['failed', { error: outcome.error.toBody(), durationMs, pluginVersion }];
  if (!shuttingDown) return ['cancelled', { error: outcome.error.toBody(), durationMs, pluginVersion }];
  return ['failed', { error: interruptionOf(job).toBody(), durationMs, pluginVersion }];
}
