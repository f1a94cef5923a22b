import type { Logger } from '@nestjs/common';
import { type StoreOperation, StoreUnavailableError } from '@forgesyte/errors';
import { corruptionMessage, isCorruption, sqliteFailure } from './sqlite-open-error';

/**
 * What a SQLite failure at run time becomes. A failure of the file or the disk (full, I/O error,
 * locked past the busy timeout, read-only, corrupt) is logged, with the job's id and the raw SQLite
 * message, and becomes `STORE_UNAVAILABLE` (retryable; the raw message, which may name a path, stays in
 * the log). A corrupt file is logged with the message that refuses it at start. Anything else (a
 * constraint violated: a bug; a value refused before SQLite saw it) is returned unchanged.
 */
export function sqliteStoreError(file: string, operation: StoreOperation, jobId: string | undefined, error: unknown, logger: Logger): unknown {
  const failure = sqliteFailure(error);
  if (failure === undefined || failure.code.startsWith('SQLITE_CONSTRAINT')) return error;
  const what = `${failure.code}: ${failure.message}`;
  const job = jobId === undefined ? '' : ` of job ${jobId}`;
  if (isCorruption(failure.code)) logger.error(`${operation}${job} failed: ${corruptionMessage(file, what)}`);
  else logger.error(`${operation}${job} failed in jobs database ${file} (${what}). Check the free disk space and permissions of its directory.`);
  return new StoreUnavailableError(operation, 1, { cause: error });
}
