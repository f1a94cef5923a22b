import { JOB_RECORD_FIELDS, type JobRecord } from '../job-record';

/** A job as the `jobs` table returns it: the record plus its sequence number (the listing order and cursor). */
export interface JobRow extends JobRecord {
  readonly seq: number;
}

/** The columns every statement that reads jobs returns, in this order. */
export const JOB_ROW_COLUMNS = [...JOB_RECORD_FIELDS, 'seq'] as const;

/**
 * The row whose column values, in {@link JOB_ROW_COLUMNS} order, are `values`: what a statement in
 * better-sqlite3's raw mode returns. Building the object here, as one literal, costs well under a
 * microsecond; better-sqlite3's own row objects cost about 3 µs each for these 23 columns, and a job's
 * life reads three or more rows. `sqlite-job-row.spec.ts` checks that each column lands on its field.
 */
export function jobRowOf(v: JobRowValues): JobRow {
  return {
    id: v[0],
    plugin: v[1],
    tool: v[2],
    mode: v[3],
    status: v[4],
    owner: v[5],
    priority: v[6],
    created_at: v[7],
    started_at: v[8],
    completed_at: v[9],
    duration_ms: v[10],
    progress: v[11],
    args: v[12],
    result: v[13],
    error: v[14],
    idempotency_key: v[15],
    request_hash: v[16],
    attempt: v[17],
    attempts: v[18],
    attempt_errors: v[19],
    next_attempt_at: v[20],
    plugin_version: v[21],
    seq: v[22],
  };
}

/** A row's values in {@link JOB_ROW_COLUMNS} order: item `i` has the type of the field `JOB_ROW_COLUMNS[i]`. */
export type JobRowValues = { readonly [I in keyof JobRowColumns]: JobRowColumns[I] extends keyof JobRow ? JobRow[JobRowColumns[I]] : never };

type JobRowColumns = typeof JOB_ROW_COLUMNS;
