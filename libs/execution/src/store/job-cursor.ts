import { RequestInvalidError } from '@forgesyte/errors';

/**
 * An opaque listing cursor: the insertion sequence number of the last job on the page. Sequence
 * numbers never repeat, so a page resumes exactly where the last one ended, even when that job has
 * since been dropped and other jobs share its creation millisecond.
 */
export function encodeJobCursor(sequence: number): string {
  return Buffer.from(`seq:${sequence}`, 'utf8').toString('base64url');
}

/** Reads a cursor made by {@link encodeJobCursor}; throws `REQUEST_INVALID` for anything else. */
export function decodeJobCursor(cursor: string): number {
  const match = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  // Node's base64 decoder skips what it cannot read (a character added, padding): only the exact text issued is one.
  if (match === null || encodeJobCursor(Number(match[1])) !== cursor) {
    throw new RequestInvalidError(
      `cursor '${cursor}' is not a cursor this server issued. Pass the next_cursor of the previous page unchanged, or omit it to start from the newest job.`,
    );
  }
  return Number(match[1]);
}
