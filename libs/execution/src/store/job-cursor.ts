import { RequestInvalidError } from '@forgesyte/errors';
import type { Job } from '../jobs/job';

/** Where a listing page ended: the last job's creation time and id. */
export interface JobCursor {
  readonly createdAtMs: number;
  readonly id: string;
}

/** An opaque cursor for the page after `job`. */
export function encodeJobCursor(job: Job): string {
  return Buffer.from(`${job.createdAt.getTime()}|${job.id}`, 'utf8').toString('base64url');
}

/** Reads a cursor made by {@link encodeJobCursor}; throws `REQUEST_INVALID` for anything else. */
export function decodeJobCursor(cursor: string): JobCursor {
  const [time, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAtMs = Number(time);
  if (rest.length > 0 || id === undefined || id === '' || !Number.isSafeInteger(createdAtMs)) {
    throw new RequestInvalidError(
      `cursor '${cursor}' is not a cursor this server issued. Pass the next_cursor of the previous page unchanged, or omit it to start from the newest job.`,
    );
  }
  return { createdAtMs, id };
}
