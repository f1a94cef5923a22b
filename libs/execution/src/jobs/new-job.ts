import { randomUUID } from 'node:crypto';
import { type Job, type JobMode, NO_ATTEMPT_ERRORS } from './job';
import { DEFAULT_JOB_PRIORITY } from './job-priority';

/** The fields that make a new job; everything else starts empty. */
export interface NewJobFields {
  readonly plugin: string;
  readonly tool: string | null;
  readonly mode: JobMode;
  readonly owner: string;
  /** Default {@link DEFAULT_JOB_PRIORITY}. */
  readonly priority?: number;
  readonly args?: unknown;
  readonly idempotencyKey?: string;
  readonly requestHash?: string;
  /** The most attempts it may make; default 1. */
  readonly attempts?: number;
}

/**
 * A fresh job with a new UUID, with every field present: the shape `updatedJob` gives every later
 * version of it. An async job starts `pending` (it waits in a queue); a sync (or `mcp`) job starts `running`, since
 * it runs at once and nobody could see it pending.
 */
export function newJob(fields: NewJobFields): Job {
  const createdAt = new Date();
  // An MCP call waits for its result as a sync one does.
  const sync = fields.mode !== 'async';
  return {
    id: randomUUID(),
    plugin: fields.plugin,
    tool: fields.tool,
    mode: fields.mode,
    status: sync ? 'running' : 'pending',
    owner: fields.owner,
    priority: fields.priority ?? DEFAULT_JOB_PRIORITY,
    createdAt,
    startedAt: sync ? createdAt : null,
    completedAt: null,
    durationMs: null,
    progress: null,
    args: fields.args,
    result: undefined,
    error: undefined,
    idempotencyKey: fields.idempotencyKey ?? null,
    requestHash: fields.requestHash ?? null,
    attempt: 1,
    attempts: fields.attempts ?? 1,
    attemptErrors: NO_ATTEMPT_ERRORS,
    nextAttemptAt: null,
    pluginVersion: null,
  };
}
