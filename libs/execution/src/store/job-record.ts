import type { ErrorBody } from '@forgesyte/errors';
import { type Job, type JobMode, type JobProgress, type JobUpdate, NO_ATTEMPT_ERRORS } from '../jobs/job';
import type { JobStatus } from '../jobs/job-status';
import { stringifyStorable } from './storable-json';

/**
 * A job flattened to what a durable store keeps: dates as epoch milliseconds, structured values as
 * JSON text, `null` for an empty field. The SQLite columns and the Redis hash fields carry these names.
 */
export interface JobRecord {
  readonly id: string;
  readonly plugin: string;
  readonly tool: string | null;
  readonly mode: string;
  readonly status: string;
  readonly owner: string;
  readonly priority: number;
  readonly created_at: number;
  readonly started_at: number | null;
  readonly completed_at: number | null;
  readonly duration_ms: number | null;
  readonly progress: string | null;
  readonly args: string | null;
  readonly result: string | null;
  readonly error: string | null;
  readonly idempotency_key: string | null;
  readonly request_hash: string | null;
  readonly attempt: number;
  readonly attempts: number;
  /** JSON array of the earlier attempts' errors; null when there were none. */
  readonly attempt_errors: string | null;
  readonly next_attempt_at: number | null;
  readonly plugin_version: string | null;
}

/** Every field of a {@link JobRecord}, in column order. */
export const JOB_RECORD_FIELDS = [
  'id',
  'plugin',
  'tool',
  'mode',
  'status',
  'owner',
  'priority',
  'created_at',
  'started_at',
  'completed_at',
  'duration_ms',
  'progress',
  'args',
  'result',
  'error',
  'idempotency_key',
  'request_hash',
  'attempt',
  'attempts',
  'attempt_errors',
  'next_attempt_at',
  'plugin_version',
] as const satisfies readonly (keyof JobRecord)[];

/** The record fields a status change may set (see {@link JobUpdate}). */
export const UPDATABLE_RECORD_FIELDS = [
  'tool',
  'started_at',
  'completed_at',
  'duration_ms',
  'progress',
  'args',
  'result',
  'error',
  'attempt',
  'attempt_errors',
  'next_attempt_at',
  'plugin_version',
] as const satisfies readonly (keyof JobRecord)[];

/** One of {@link UPDATABLE_RECORD_FIELDS}. */
export type UpdatableRecordField = (typeof UPDATABLE_RECORD_FIELDS)[number];

/** Flattens a job for storage. */
export function toJobRecord(job: Job): JobRecord {
  return {
    id: job.id,
    plugin: job.plugin,
    tool: job.tool,
    mode: job.mode,
    status: job.status,
    owner: job.owner,
    priority: job.priority,
    created_at: job.createdAt.getTime(),
    started_at: epochMs(job.startedAt),
    completed_at: epochMs(job.completedAt),
    duration_ms: job.durationMs,
    progress: json(job.progress, 'progress'),
    args: json(job.args, 'args'),
    result: json(job.result, 'result'),
    error: json(job.error, 'error'),
    idempotency_key: job.idempotencyKey,
    request_hash: job.requestHash,
    attempt: job.attempt,
    attempts: job.attempts,
    attempt_errors: attemptErrorsJson(job.attemptErrors),
    next_attempt_at: epochMs(job.nextAttemptAt),
    plugin_version: job.pluginVersion,
  };
}

/**
 * The record fields a {@link JobUpdate} names, and only those. A named field whose value is
 * `undefined` becomes `null`, so that `{ args: undefined }` clears the stored arguments, as it does in
 * the memory store.
 */
export function toRecordUpdate(update: JobUpdate): Partial<Pick<JobRecord, UpdatableRecordField>> {
  const named = (field: keyof JobUpdate) => Object.prototype.hasOwnProperty.call(update, field);
  return {
    ...(named('tool') && { tool: update.tool ?? null }),
    ...(named('startedAt') && { started_at: epochMs(update.startedAt) }),
    ...(named('completedAt') && { completed_at: epochMs(update.completedAt) }),
    ...(named('durationMs') && { duration_ms: update.durationMs ?? null }),
    ...(named('progress') && { progress: json(update.progress, 'progress') }),
    ...(named('args') && { args: json(update.args, 'args') }),
    ...(named('result') && { result: json(update.result, 'result') }),
    ...(named('error') && { error: json(update.error, 'error') }),
    ...(named('attempt') && { attempt: update.attempt ?? 1 }),
    ...(named('attemptErrors') && { attempt_errors: attemptErrorsJson(update.attemptErrors) }),
    ...(named('nextAttemptAt') && { next_attempt_at: epochMs(update.nextAttemptAt) }),
    ...(named('pluginVersion') && { plugin_version: update.pluginVersion ?? null }),
  };
}

/**
 * The job a record holds. Empty `args`, `result` and `error` are left out (undefined), the other empty
 * fields are `null`: the shape the memory store returns.
 */
export function fromJobRecord(record: JobRecord): Job {
  return {
    id: record.id,
    plugin: record.plugin,
    tool: record.tool,
    mode: record.mode as JobMode,
    status: record.status as JobStatus,
    owner: record.owner,
    priority: record.priority,
    createdAt: new Date(record.created_at),
    startedAt: date(record.started_at),
    completedAt: date(record.completed_at),
    durationMs: record.duration_ms,
    progress: record.progress === null ? null : (JSON.parse(record.progress) as JobProgress),
    ...(record.args !== null && { args: JSON.parse(record.args) as unknown }),
    ...(record.result !== null && { result: JSON.parse(record.result) as unknown }),
    ...(record.error !== null && { error: JSON.parse(record.error) as ErrorBody }),
    idempotencyKey: record.idempotency_key,
    requestHash: record.request_hash,
    attempt: record.attempt,
    attempts: record.attempts,
    attemptErrors: record.attempt_errors === null ? NO_ATTEMPT_ERRORS : (JSON.parse(record.attempt_errors) as ErrorBody[]),
    nextAttemptAt: date(record.next_attempt_at),
    pluginVersion: record.plugin_version,
  };
}

/** The earlier attempts' errors as JSON text; null when there were none. */
function attemptErrorsJson(errors: readonly ErrorBody[] | undefined): string | null {
  return errors === undefined || errors.length === 0 ? null : JSON.stringify(errors);
}

function epochMs(value: Date | null | undefined): number | null {
  return value == null ? null : value.getTime();
}

function date(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

/**
 * JSON text of a value; `null` for `undefined` (nothing to keep). A JSON `null` stays the text `null`.
 * A value too deep or too large to serialize is refused as `REQUEST_INVALID` naming `field`.
 */
function json(value: unknown, field: string): string | null {
  return value === undefined ? null : (stringifyStorable(value, field) ?? null);
}
