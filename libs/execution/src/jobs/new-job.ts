import { randomUUID } from 'node:crypto';
import type { Job, JobMode } from './job';

/** The fields that make a new job; everything else starts empty. */
export interface NewJobFields {
  readonly plugin: string;
  readonly tool: string | null;
  readonly mode: JobMode;
  readonly owner: string;
  readonly args?: unknown;
  readonly idempotencyKey?: string;
  readonly requestHash?: string;
}

/**
 * A fresh job with a new UUID, with every field present: the shape `updatedJob` gives every later
 * version of it. An async job starts `pending` (it waits in a queue); a sync job starts `running`, since
 * it runs at once and nobody could see it pending.
 */
export function newJob(fields: NewJobFields): Job {
  const createdAt = new Date();
  const sync = fields.mode === 'sync';
  return {
    id: randomUUID(),
    plugin: fields.plugin,
    tool: fields.tool,
    mode: fields.mode,
    status: sync ? 'running' : 'pending',
    owner: fields.owner,
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
  };
}
