import type Database from 'better-sqlite3';
import type { JobStatus } from '../../jobs/job-status';
import { JOB_RECORD_FIELDS, type JobRecord, type UpdatableRecordField } from '../job-record';

/** A row of the `jobs` table: the record plus the store's own columns. */
export interface JobRow extends JobRecord {
  readonly seq: number;
  readonly finished_at: number | null;
}

/** Parameters of {@link SqliteJobStatements.insert}. */
export type InsertParams = JobRecord & { readonly finished_at: number | null };

/**
 * Parameters of a {@link SqliteJobStatements.transition} statement: the job, the statuses it may move
 * from (a JSON array), the status it moves to, when it finished (terminal statuses), and the fields written.
 */
export type TransitionParams = { readonly id: string; readonly from: string; readonly to: string; readonly finished_at: number | null } & Partial<
  Pick<JobRecord, UpdatableRecordField>
>;

/** The filters of a listing; absent ones are left out of the SQL so that the planner can use an index. */
export interface ListFilters {
  readonly owner?: string;
  readonly plugin?: string;
  readonly status?: string;
  readonly priority?: number;
}

type ListParams = ListFilters & { readonly before: number; readonly limit: number };

const LIST_FILTERS = ['owner', 'plugin', 'status', 'priority'] as const;

/** Every statement the SQLite job store runs, each prepared once when the store opens. */
export class SqliteJobStatements {
  readonly insert: Database.Statement<[InsertParams]>;
  readonly get: Database.Statement<[string], JobRow>;
  readonly findByIdempotencyKey: Database.Statement<[string, string], JobRow>;
  readonly status: Database.Statement<[string], JobStatus>;
  readonly setProgress: Database.Statement<[string | null, string]>;
  readonly findByStatus: Database.Statement<[string], JobRow>;
  readonly pruneFinishedBefore: Database.Statement<[number]>;
  readonly pruneAllButNewest: Database.Statement<[number]>;
  /** One listing statement per combination of filters, keyed by the filters used (see {@link listKey}). */
  private readonly lists = new Map<string, Database.Statement<[ListParams], JobRow>>();
  /** The transition statements prepared so far, keyed by the fields they write. */
  private readonly transitions = new Map<string, Database.Statement<[TransitionParams], JobRow>>();

  constructor(private readonly db: Database.Database) {
    const columns = [...JOB_RECORD_FIELDS, 'finished_at'];
    this.insert = db.prepare(
      `INSERT INTO jobs (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})
       ON CONFLICT (owner, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING`,
    );
    this.get = db.prepare('SELECT * FROM jobs WHERE id = ?');
    this.findByIdempotencyKey = db.prepare('SELECT * FROM jobs WHERE owner = ? AND idempotency_key = ?');
    this.status = db.prepare<[string], JobStatus>('SELECT status FROM jobs WHERE id = ?').pluck();
    this.setProgress = db.prepare("UPDATE jobs SET progress = ? WHERE id = ? AND status = 'running'");
    this.findByStatus = db.prepare('SELECT * FROM jobs WHERE status IN (SELECT value FROM json_each(?)) ORDER BY seq');
    this.pruneFinishedBefore = db.prepare('DELETE FROM jobs WHERE finished_at IS NOT NULL AND finished_at < ?');
    this.pruneAllButNewest = db.prepare(
      'DELETE FROM jobs WHERE seq IN (SELECT seq FROM jobs WHERE finished_at IS NOT NULL ORDER BY finished_at DESC, seq DESC LIMIT -1 OFFSET ?)',
    );
    for (const used of subsets(LIST_FILTERS)) {
      const where = ['seq < @before', ...used.map((filter) => `${filter} = @${filter}`)].join(' AND ');
      this.lists.set(used.join(','), db.prepare(`SELECT * FROM jobs WHERE ${where} ORDER BY seq DESC LIMIT @limit`));
    }
  }

  /**
   * The compare-and-set of a transition that writes `fields` (as `toRecordUpdate` names them):
   * one UPDATE whose WHERE holds the expected statuses, and whose SET names those fields and no other.
   * Each is prepared at its first use; a job's life uses a handful (its start, its success, a failure, a
   * retry, a cancel). One statement for all, with a CASE per field, cost 2 to 5 µs more per transition in
   * `npm run bench:sqlite-writes`.
   */
  transition(fields: readonly UpdatableRecordField[]): Database.Statement<[TransitionParams], JobRow> {
    const key = fields.join(',');
    let statement = this.transitions.get(key);
    if (statement === undefined) {
      const sets = ['status = @to', ...fields.map((field) => `${field} = @${field}`), 'finished_at = coalesce(finished_at, @finished_at)'];
      statement = this.db.prepare(`UPDATE jobs SET ${sets.join(', ')} WHERE id = @id AND status IN (SELECT value FROM json_each(@from)) RETURNING *`);
      this.transitions.set(key, statement);
    }
    return statement;
  }

  /** The newest `limit` jobs below sequence number `before` that match `filters`, newest first. */
  list(filters: ListFilters, before: number, limit: number): JobRow[] {
    const used = LIST_FILTERS.filter((filter) => filters[filter] !== undefined);
    const statement = this.lists.get(used.join(','));
    if (statement === undefined) throw new Error(`no listing statement for the filters ${used.join(', ')}`);
    return statement.all({ ...Object.fromEntries(used.map((filter) => [filter, filters[filter]])), before, limit });
  }
}

/** Every subset of `items`, each in the order of `items`. */
function subsets<T>(items: readonly T[]): T[][] {
  return items.reduce<T[][]>((all, item) => [...all, ...all.map((subset) => [...subset, item])], [[]]);
}
