import type { Logger } from '@nestjs/common';
import { errorMessageOf } from '@forgesyte/errors';
import type { Job, JobUpdate } from '../jobs/job';
import type { JobStatus } from '../jobs/job-status';
import type { JobStore } from './job-store';

/** A status change that ends a job: what {@link TerminalWriteOutbox.write} hands the store. */
export interface TerminalWrite {
  readonly jobId: string;
  readonly from: readonly JobStatus[];
  readonly to: JobStatus;
  readonly update: JobUpdate;
}

/** Limits of a {@link TerminalWriteOutbox}. */
export interface TerminalWriteOutboxOptions {
  /** Writes kept at most; a write failing beyond it is logged and left to crash recovery. */
  readonly capacity: number;
  /** The first retry's delay, in ms; each failed round doubles it, up to {@link maxRetryMs}. */
  readonly firstRetryMs: number;
  readonly maxRetryMs: number;
}

/** Defaults of {@link TerminalWriteOutboxOptions}. */
export const TERMINAL_WRITE_OUTBOX_DEFAULTS: Readonly<TerminalWriteOutboxOptions> = Object.freeze({ capacity: 10_000, firstRetryMs: 100, maxRetryMs: 5_000 });

/** Whether a thrown value is the store's `STORE_UNAVAILABLE` (matched by code: it may come from another realm). */
export function isStoreUnavailable(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'STORE_UNAVAILABLE';
}

/**
 * The outcomes of jobs that the store failed to record (a full disk, Redis down), kept in memory and
 * written again, oldest first, with exponential backoff, until the store takes them: a job never stays
 * `running` because one write failed. Bounded by `capacity`; what it cannot keep, or still holds when
 * the process stops, crash recovery ends at the next start (SQLite: `running` → `JOB_INTERRUPTED`).
 * A kept write that finds its job no longer in `from` (another process ended it) is dropped.
 */
export class TerminalWriteOutbox {
  private readonly kept = new Map<string, TerminalWrite>();
  private readonly waiters = new Map<string, (() => void)[]>();
  private delayMs: number;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly store: JobStore,
    private readonly logger: Logger,
    private readonly options: TerminalWriteOutboxOptions = TERMINAL_WRITE_OUTBOX_DEFAULTS,
  ) {
    this.delayMs = options.firstRetryMs;
  }

  /** Outcomes waiting to be written: readiness (`ExecutionReadiness`) fails its store check while any do. */
  get size(): number {
    return this.kept.size;
  }

  /** Whether an outcome of this job waits to be written (the job must not start meanwhile). */
  has(jobId: string): boolean {
    return this.kept.has(jobId);
  }

  /**
   * Writes the outcome now. When the store is unavailable, keeps it for retry, logs it with the job's
   * id and rethrows: the caller must not report an outcome the record does not hold yet.
   */
  async write(write: TerminalWrite): Promise<Job | undefined> {
    try {
      return await this.store.transition(write.jobId, write.from, write.to, write.update);
    } catch (error) {
      if (isStoreUnavailable(error)) this.keep(write, error);
      throw error;
    }
  }

  /** Resolves once no outcome of this job waits any more (written, dropped, or never kept). */
  untilWritten(jobId: string): Promise<void> {
    if (!this.kept.has(jobId)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.set(jobId, [...(this.waiters.get(jobId) ?? []), resolve]));
  }

  /** At shutdown: retries for up to `withinMs`, then stops, logging each outcome left unwritten. */
  async flushBeforeExit(withinMs: number): Promise<void> {
    const giveUpAt = Date.now() + withinMs;
    while (this.kept.size > 0 && Date.now() < giveUpAt) {
      await this.flush();
      if (this.kept.size > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(this.delayMs, Math.max(0, giveUpAt - Date.now()))));
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const write of this.kept.values()) {
      this.logger.error(`job ${write.jobId}: its outcome (${write.to}) was never written, the store still failing at shutdown; crash recovery at the next start ends it`);
    }
    for (const jobId of [...this.kept.keys()]) this.forget(jobId);
  }

  private keep(write: TerminalWrite, error: unknown): void {
    if (!this.kept.has(write.jobId) && this.kept.size >= this.options.capacity) {
      this.logger.error(
        `job ${write.jobId}: could not record it ${write.to} (${errorMessageOf(error)}), and ${this.options.capacity} outcomes already wait to be written; ` +
          'it stays as the store has it until crash recovery at the next start ends it',
      );
      return;
    }
    this.kept.set(write.jobId, write);
    this.logger.warn(`job ${write.jobId}: could not record it ${write.to} (${errorMessageOf(error)}); kept, and written again once the store takes writes`);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined || this.kept.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().then(() => this.schedule());
    }, this.delayMs);
    // The server's own handles keep the process alive; a retry alone must not keep a stopping one.
    this.timer.unref();
  }

  /** One round: writes the kept outcomes oldest first, stopping (and backing off) at the first the store refuses. */
  private flush(): Promise<void> {
    this.flushing ??= this.writeKept().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async writeKept(): Promise<void> {
    for (const write of [...this.kept.values()]) {
      try {
        const moved = await this.store.transition(write.jobId, write.from, write.to, write.update);
        if (moved === undefined) this.logger.warn(`job ${write.jobId}: no longer ${write.from.join(' or ')} when its outcome (${write.to}) could be written; dropped`);
        else this.logger.log(`job ${write.jobId}: recorded ${write.to} after the store recovered`);
      } catch (error) {
        if (isStoreUnavailable(error)) {
          this.delayMs = Math.min(this.delayMs * 2, this.options.maxRetryMs);
          return;
        }
        this.logger.error(`job ${write.jobId}: its outcome (${write.to}) cannot be written (${errorMessageOf(error)}); dropped`);
      }
      this.forget(write.jobId);
    }
    this.delayMs = this.options.firstRetryMs;
  }

  private forget(jobId: string): void {
    this.kept.delete(jobId);
    for (const resolve of this.waiters.get(jobId) ?? []) resolve();
    this.waiters.delete(jobId);
  }
}
