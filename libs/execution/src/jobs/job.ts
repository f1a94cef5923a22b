import type { ErrorBody } from '@forgesyte/errors';
import type { JobStatus } from './job-status';

/** Whether the caller waited for the result (`sync`) or polls for it (`async`). */
export type JobMode = 'sync' | 'async';

/** A tool's last progress report. */
export interface JobProgress {
  readonly fraction: number;
  readonly message: string | null;
}

/** One execution, sync or async: the audit record every execution leaves. Immutable; stores replace it. */
export interface Job {
  readonly id: string;
  readonly plugin: string;
  readonly tool: string | null;
  readonly mode: JobMode;
  readonly status: JobStatus;
  /** The API key (by its id) that created the job. */
  readonly owner: string;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly completedAt: Date | null;
  readonly durationMs: number | null;
  readonly progress: JobProgress | null;
  /** The tool's arguments, kept only while an async job waits to run. */
  readonly args?: unknown;
  readonly result?: unknown;
  readonly error?: ErrorBody;
  readonly idempotencyKey: string | null;
  /** Fingerprint of the submitted request, to tell a replay from a conflicting reuse of a key. */
  readonly requestHash: string | null;
}

/** What a status change may set besides the status. */
export type JobUpdate = Partial<
  Pick<Job, 'tool' | 'startedAt' | 'completedAt' | 'durationMs' | 'progress' | 'args' | 'result' | 'error'>
>;
