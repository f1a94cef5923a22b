import { StoreUnavailableError } from '@forgesyte/errors';

/**
 * The job store's `STORE_UNAVAILABLE` (from the shared SQLite and Redis failure mapping) as the key
 * store's: the same code and retry, with a message about keys rather than jobs. Anything else unchanged.
 */
export function keyStoreError(error: unknown): unknown {
  return error instanceof StoreUnavailableError ? new StoreUnavailableError(error.operation, error.retryAfterSeconds, { cause: error.cause }, 'keys') : error;
}
