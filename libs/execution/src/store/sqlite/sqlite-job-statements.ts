import type Database from 'better-sqlite3';
import type { JobStatus } from '../../jobs/job-status';
import { JOB_RECORD_FIELDS, type JobRecord, UPDATABLE_RECORD_FIELDS, type UpdatableRecordField } from '../job-record';

/** A row of the `jobs` table: the record plus the store's own columns. */
export interface JobRow extends JobRecord {
  readonly seq: number;
  readonly finished_at: number | null;
}

/** Parameters of {@link SqliteJobStatements.insert}. */
export type InsertParams = JobRecord & { readonly finished_at: number | null };

/** Parameters of {@link SqliteJobStatements.transition}: `set_<field>` is 1 where `<field>` is to be written. */
export type TransitionParams = { readonly id: string; readonly to: string; readonly from: string; readonly finished_at: number | null } & {
  readonly [Field in UpdatableRecordField]: JobRecord[Field] | null;
} & { readonly [Field in UpdatableRecordField as `set_${Field}`]: 0 | 1 };

/**
 * The parameters of a transition to `to` from the statuses `from` (a JSON array) writing `changes`.
 * One object literal of a fixed shape: built field by field in a loop, it cost 5 µs a transition.
 */
export function transitionParams(id: string, from: string, to: string, finishedAt: number | null, changes: Partial<Pick<JobRecord, UpdatableRecordField>>): TransitionParams {
  return {
    id,
    from,
    to,
    finished_at: finishedAt,
    tool: changes.tool ?? null,
    set_tool: 'tool' in changes ? 1 : 0,
    started_at: changes.started_at ?? null,
    set_started_at: 'started_at' in changes ? 1 : 0,
    completed_at: changes.completed_at ?? null,
    set_completed_at: 'completed_at' in changes ? 1 : 0,
    duration_ms: changes.duration_ms ?? null,
    set_duration_ms: 'duration_ms' in changes ? 1 : 0,
    progress: changes.progress ?? null,
    set_progress: 'progress' in changes ? 1 : 0,
    args: changes.args ?? null,
    set_args: 'args' in changes ? 1 : 0,
    result: changes.result ?? null,
    set_result: 'result' in changes ? 1 : 0,
    error: changes.error ?? null,
    set_error: 'error' in changes ? 1 : 0,
    attempt: changes.attempt ?? null,
    set_attempt: 'attempt' in changes ? 1 : 0,
    attempt_errors: changes.attempt_errors ?? null,
    set_attempt_errors: 'attempt_errors' in changes ? 1 : 0,
    next_attempt_at: changes.next_attempt_at ?? null,
    set_next_attempt_at: 'next_attempt_at' in changes ? 1 : 0,
    plugin_version: changes.plugin_version ?? null,
    set_plugin_version: 'plugin_version' in changes ? 1 : 0,
  };
}

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
  /** The compare-and-set: one UPDATE whose WHERE holds the expected statuses (a JSON array). */
  readonly transition: Database.Statement<[TransitionParams], JobRow>;
  readonly setProgress: Database.Statement<[string | null, string]>;
  readonly findByStatus: Database.Statement<[string], JobRow>;
  readonly pruneFinishedBefore: Database.Statement<[number]>;
  readonly pruneAllButNewest: Database.Statement<[number]>;
  /** One listing statement per combination of filters, keyed by the filters used (see {@link listKey}). */
  private readonly lists = new Map<string, Database.Statement<[ListParams], JobRow>>();

  constructor(db: Database.Database) {
    const columns = [...JOB_RECORD_FIELDS, 'finished_at'];
    this.insert = db.prepare(
      `INSERT INTO jobs (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})
       ON CONFLICT (owner, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING`,
    );
    this.get = db.prepare('SELECT * FROM jobs WHERE id = ?');
    this.findByIdempotencyKey = db.prepare('SELECT * FROM jobs WHERE owner = ? AND idempotency_key = ?');
    this.status = db.prepare<[string], JobStatus>('SELECT status FROM jobs WHERE id = ?').pluck();
    const updates = UPDATABLE_RECORD_FIELDS.map((field) => `${field} = CASE WHEN @set_${field} THEN @${field} ELSE ${field} END`);
    this.transition = db.prepare(
      `UPDATE jobs SET status = @to, ${updates.join(', ')}, finished_at = coalesce(finished_at, @finished_at)
       WHERE id = @id AND status IN (SELECT value FROM json_each(@from))
       RETURNING *`,
    );
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
