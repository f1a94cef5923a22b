import type { TraceParent } from '@forgesyte/runtime';

/** What an async submission carries besides its request and its owner. */
export interface SubmitOptions {
  /** The owner's `Idempotency-Key`: a repeat of the same request answers the earlier job. */
  readonly idempotencyKey?: string;
  /** The HTTP request's id, for the line that queues the job. */
  readonly requestId?: string;
  /** The HTTP request's span: the submission's span is its child, and travels with the job to the process that runs it. */
  readonly traceparent?: TraceParent;
  /** The owner's own cap on its waiting jobs (a stored key's `max_queued`: see `Caller.maxQueued`); undefined: the per-key share. */
  readonly maxQueued?: number;
}
