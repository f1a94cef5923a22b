import type Database from 'better-sqlite3';
import { JOB_STATUSES, type JobStatus } from '../../jobs/job-status';
import { JOB_RECORD_FIELDS, type JobRecord, type UpdatableRecordField } from '../job-record';
import { JOB_ROW_COLUMNS, jobRowOf, type JobRow, type JobRowValues } from './sqlite-job-row';

/** Parameters of {@link SqliteJobStatements.insert}. */
export type InsertParams = JobRecord & { readonly finished_at: number | null };

/** The fields a transition writes besides the status, as `toRecordUpdate` gives them. */
export type TransitionChanges = Partial<Pick<JobRecord, UpdatableRecordField>>;

/** The filters of a listing; absent ones are left out of the SQL so that the planner can use an index. */
export interface ListFilters {
  readonly owner?: string;
  readonly plugin?: string;
  readonly status?: string;
  readonly priority?: number;
}

type ListParams = ListFilters & { readonly before: number; readonly limit: number };

const LIST_FILTERS = ['owner', 'plugin', 'status', 'priority'] as const;

/** What the statements that read jobs select: {@link JOB_ROW_COLUMNS}, read as arrays ({@link jobRowOf}). */
const ROW = JOB_ROW_COLUMNS.join(', ');

/** A prepared statement that reads jobs, as better-sqlite3's raw mode returns them: one array of values per row. */
type RowStatement<P extends unknown[]> = Database.Statement<P, JobRowValues>;

/**
 * Every statement the SQLite job store runs, each prepared once: when the store opens, or at the first
 * use of its variant (transitions). Those that read jobs return {@link JobRow}s.
 */
export class SqliteJobStatements {
  readonly insert: Database.Statement<[InsertParams]>;
  readonly status: Database.Statement<[string], JobStatus>;
  readonly setProgress: Database.Statement<[string | null, string]>;
  readonly pruneFinishedBefore: Database.Statement<[number]>;
  readonly pruneAllButNewest: Database.Statement<[number]>;
  private readonly getRow: RowStatement<[string]>;
  private readonly idempotentRow: RowStatement<[string, string]>;
  private readonly rowsByStatus: RowStatement<[string]>;
  /** One listing statement per combination of filters, keyed by the filters used. */
  private readonly lists = new Map<string, RowStatement<[ListParams]>>();
  /** The transition statements prepared so far, keyed by the fields they write and how many statuses they move from. */
  private readonly transitions = new Map<string, RowStatement<[Record<string, unknown>]>>();

  constructor(private readonly db: Database.Database) {
    const columns = [...JOB_RECORD_FIELDS, 'finished_at'];
    this.insert = db.prepare(
      `INSERT INTO jobs (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})
       ON CONFLICT (owner, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING`,
    );
    this.getRow = rows(db, `SELECT ${ROW} FROM jobs WHERE id = ?`);
    this.idempotentRow = rows(db, `SELECT ${ROW} FROM jobs WHERE owner = ? AND idempotency_key = ?`);
    this.status = db.prepare<[string], JobStatus>('SELECT status FROM jobs WHERE id = ?').pluck();
    this.setProgress = db.prepare("UPDATE jobs SET progress = ? WHERE id = ? AND status = 'running'");
    this.rowsByStatus = rows(db, `SELECT ${ROW} FROM jobs WHERE status IN (SELECT value FROM json_each(?)) ORDER BY seq`);
    this.pruneFinishedBefore = db.prepare('DELETE FROM jobs WHERE finished_at IS NOT NULL AND finished_at < ?');
    this.pruneAllButNewest = db.prepare(
      'DELETE FROM jobs WHERE seq IN (SELECT seq FROM jobs WHERE finished_at IS NOT NULL ORDER BY finished_at DESC, seq DESC LIMIT -1 OFFSET ?)',
    );
    for (const used of subsets(LIST_FILTERS)) {
      const where = ['seq < @before', ...used.map((filter) => `${filter} = @${filter}`)].join(' AND ');
      this.lists.set(used.join(','), rows(db, `SELECT ${ROW} FROM jobs WHERE ${where} ORDER BY seq DESC LIMIT @limit`));
    }
  }

  get(id: string): JobRow | undefined {
    return rowOrUndefined(this.getRow.get(id));
  }

  findByIdempotencyKey(owner: string, idempotencyKey: string): JobRow | undefined {
    return rowOrUndefined(this.idempotentRow.get(owner, idempotencyKey));
  }

  /** The jobs in one of `statuses`, oldest first. */
  findByStatus(statuses: readonly JobStatus[]): JobRow[] {
    return this.rowsByStatus.all(JSON.stringify(statuses)).map(jobRowOf);
  }

  /**
   * The compare-and-set of a transition: moves job `id` to `to` if its status is one of `from`, writing
   * `changes` besides, and `finishedAt` unless the job has finished before (terminal statuses; null
   * otherwise). The job as it then is, or undefined when it was in none of `from`. One UPDATE per set of
   * fields written and number of statuses moved from, whose SET names those fields and no other,
   * prepared at its first use: a job's life uses a handful (its start, its success, a failure, a retry,
   * a cancel). In `npm run bench:sqlite-writes`, one statement for all (a CASE per field) cost 2 to 5 µs
   * more per transition, and the statuses as a JSON array (`json_each`) about 2 µs more.
   */
  transition(id: string, from: readonly JobStatus[], to: JobStatus, finishedAt: number | null, changes: TransitionChanges): JobRow | undefined {
    const fields = Object.keys(changes) as UpdatableRecordField[];
    const key = `${fields.join(',')}/${from.length}`;
    let statement = this.transitions.get(key);
    if (statement === undefined) {
      const sets = ['status = @to', ...fields.map((field) => `${field} = @${field}`), 'finished_at = coalesce(finished_at, @finished_at)'];
      const statuses = from.map((_, index) => `@${FROM_PARAMS[index]}`).join(', ');
      statement = rows(this.db, `UPDATE jobs SET ${sets.join(', ')} WHERE id = @id AND status IN (${statuses}) RETURNING ${ROW}`);
      this.transitions.set(key, statement);
    }
    const params: Record<string, unknown> = { id, to, finished_at: finishedAt, ...changes };
    from.forEach((status, index) => (params[FROM_PARAMS[index]] = status));
    return rowOrUndefined(statement.get(params));
  }

  /** The newest `limit` jobs below sequence number `before` that match `filters`, newest first. */
  list(filters: ListFilters, before: number, limit: number): JobRow[] {
    const used = LIST_FILTERS.filter((filter) => filters[filter] !== undefined);
    const statement = this.lists.get(used.join(','));
    if (statement === undefined) throw new Error(`no listing statement for the filters ${used.join(', ')}`);
    return statement.all({ ...Object.fromEntries(used.map((filter) => [filter, filters[filter]])), before, limit }).map(jobRowOf);
  }
}

/** Prepares `sql`, a statement that reads jobs, in raw mode: it returns their values in {@link JOB_ROW_COLUMNS} order. */
function rows<P extends unknown[]>(db: Database.Database, sql: string): RowStatement<P> {
  return db.prepare<P, JobRowValues>(sql).raw();
}

function rowOrUndefined(values: JobRowValues | undefined): JobRow | undefined {
  return values === undefined ? undefined : jobRowOf(values);
}

/** The names a transition's statement binds the statuses it moves from to: `from0`, `from1`… */
const FROM_PARAMS = JOB_STATUSES.map((_, index) => `from${index}`);

/** Every subset of `items`, each in the order of `items`. */
function subsets<T>(items: readonly T[]): T[][] {
  return items.reduce<T[][]>((all, item) => [...all, ...all.map((subset) => [...subset, item])], [[]]);
}
