import { ForgeSyteError, type ForgeSyteErrorOptions } from '../forgesyte.error';

/** What the job store failed to do: read a job, or write one. */
export type StoreOperation = 'read' | 'write';

/**
 * The job store (the SQLite file or Redis) could not be read or written: a full disk, a corrupt
 * file, Redis down or not answering in time. Retryable: nothing is wrong with the request. Its cause
 * (the raw SQLite or ioredis error, which may name a path) is logged on the server, never sent.
 */
export class StoreUnavailableError extends ForgeSyteError {
  override readonly name = 'StoreUnavailableError';
  readonly code = 'STORE_UNAVAILABLE';
  readonly type = 'InternalError';

  /** @param subject what the store failed to hold: jobs (the default), or the stored API keys (which live in the same database). */
  constructor(
    readonly operation: StoreOperation,
    readonly retryAfterSeconds = 1,
    options: ForgeSyteErrorOptions = {},
    subject: 'jobs' | 'keys' = 'jobs',
  ) {
    super(
      `The ${subject === 'jobs' ? 'job' : 'key'} store could not be ${operation === 'read' ? 'read' : 'written'}, so this request was not completed. Retry after ${retryAfterSeconds} s ` +
        `${subject === 'jobs' ? '(an Idempotency-Key makes a retried async submission safe)' : '(read the key first: a change that timed out may have been made)'}. If it persists, the operator should check the free disk space of ` +
        'FORGESYTE_DATA_DIR (SQLite) or that Redis at REDIS_URL is up and answering.',
      { ...options, retryable: true, details: { operation, retry_after_seconds: retryAfterSeconds, ...options.details } },
    );
  }
}
