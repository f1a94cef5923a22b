import type { Logger } from '@nestjs/common';
import { type StoreOperation, StoreUnavailableError } from '@forgesyte/errors';

/**
 * Replies of a Redis server that cannot serve now but may soon: out of memory, a read-only replica,
 * loading its data, busy with a script, a failover under way, persistence failing.
 */
const TRANSIENT_REPLIES = /^(OOM|READONLY|LOADING|BUSY|MASTERDOWN|NOREPLICAS|MISCONF|TRYAGAIN|CLUSTERDOWN)\b/;

/**
 * What a failed Redis command of the job store becomes. The connection failing (refused, closed, a
 * command unanswered within the command timeout, the offline queue disabled) or the server refusing
 * for now ({@link TRANSIENT_REPLIES}) is logged with the job's id (unless `logger` is undefined: the
 * caller has logged the outage already) and becomes `STORE_UNAVAILABLE` (retryable). Any other reply
 * error (a script refusing a bug) is returned unchanged.
 */
export function redisStoreError(operation: StoreOperation, jobId: string | undefined, error: unknown, logger: Logger | undefined): unknown {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  if (name === 'ReplyError' && !TRANSIENT_REPLIES.test(text)) return error;
  logger?.error(`${operation}${jobId === undefined ? '' : ` of job ${jobId}`} failed in Redis (${text}). Check that Redis at REDIS_URL is up and answering.`);
  return new StoreUnavailableError(operation, 1, { cause: error });
}
