import type { ErrorBody } from '@forgesyte/errors';
import type { JobStatus } from './job-status';

/** Whether the caller waited for the result (`sync`), polls for it (`async`), or is an MCP client's `tools/call` (`mcp`, waits like `sync`). */
export type JobMode = 'sync' | 'async' | 'mcp';

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
  /** 1 (first) to 10 (last): the order of an async job among its key's waiting jobs (see `job-priority.ts`). */
  readonly priority: number;
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
  /** The attempt the job is on, or ended on: 1 for the first (see `job-retry.ts`). */
  readonly attempt: number;
  /** The most attempts it may make: its tool's `retry.attempts`, lowered by the job's `max_attempts`; 1 for a sync job. */
  readonly attempts: number;
  /** The error of each earlier attempt, oldest first; empty before a retry. */
  readonly attemptErrors: readonly ErrorBody[];
  /** When a job waiting between attempts may start its next one; null otherwise. */
  readonly nextAttemptAt: Date | null;
  /** The `version` of the plugin that produced the outcome (of the last attempt); null until then, or when no plugin ran. */
  readonly pluginVersion: string | null;
}

/** The `attemptErrors` of a job before any retry: one shared, frozen array (not one per job, which every job kept in memory would carry). */
export const NO_ATTEMPT_ERRORS: readonly ErrorBody[] = Object.freeze([]);

/** What a status change may set besides the status. */
export type JobUpdate = Partial<
  Pick<Job, 'tool' | 'startedAt' | 'completedAt' | 'durationMs' | 'progress' | 'args' | 'result' | 'error' | 'attempt' | 'attemptErrors' | 'nextAttemptAt' | 'pluginVersion'>
>;
