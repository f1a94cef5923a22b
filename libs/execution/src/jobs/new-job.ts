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

/** A fresh `pending` job with a new UUID, with every field present: the shape `updatedJob` gives every later version of it. */
export function newJob(fields: NewJobFields): Job {
  return {
    id: randomUUID(),
    plugin: fields.plugin,
    tool: fields.tool,
    mode: fields.mode,
    status: 'pending',
    owner: fields.owner,
    createdAt: new Date(),
    startedAt: null,
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
