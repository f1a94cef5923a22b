import { Logger } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { StoreOperation } from '@forgesyte/errors';
import type { Job, JobProgress, JobUpdate } from '../../jobs/job';
import { ALLOWED_TRANSITIONS, type JobStatus, TERMINAL_STATUSES } from '../../jobs/job-status';
import { disallowedTransition } from '../disallowed-transition';
import { decodeJobCursor, encodeJobCursor } from '../job-cursor';
import { fromJobRecord, toJobRecord, toRecordUpdate, UPDATABLE_RECORD_FIELDS } from '../job-record';
import { checkJobRetention, type JobRetention, type PrunableJobStore } from '../job-retention';
import type { JobPage, JobQuery } from '../job-store';
import { openJobDatabase } from './open-job-database';
import { resolveSqliteJobStoreOptions, type SqliteJobStoreOptions } from './sqlite-job-store.options';
import { SqliteJobStatements, type TransitionParams } from './sqlite-job-statements';
import { sqliteStoreError } from './sqlite-store-error';

/**
 * Jobs in one SQLite file (better-sqlite3, write-ahead logging): the embedded default, which survives
 * restarts. Every status change is a single `UPDATE … WHERE id = ? AND status IN (…)`, so several
 * connections, even of several processes, can never move a job twice. Finished jobs stay until
 * {@link prune} deletes them. A failure of the file or the disk (full, I/O error, corrupt) is logged
 * and thrown as `STORE_UNAVAILABLE` (see `sqlite-store-error.ts`).
 */
export class SqliteJobStore implements PrunableJobStore {
  private readonly logger = new Logger('JobStore');

  private constructor(
    private readonly file: string,
    private readonly db: Database.Database,
    private readonly statements: SqliteJobStatements,
  ) {}

  /**
   * Opens the database at `file` (typically `<FORGESYTE_DATA_DIR>/jobs.sqlite`), creating the file and
   * its directory when missing and migrating its schema. Throws, naming the file and what to do, when
   * the file is corrupt, locked by another process or written by a newer ForgeSyte; it never
   * recreates or deletes an existing file.
   */
  static open(file: string, options: SqliteJobStoreOptions = {}): SqliteJobStore {
    const db = openJobDatabase(file, resolveSqliteJobStoreOptions(options));
    return new SqliteJobStore(file, db, new SqliteJobStatements(db));
  }

  async insert(job: Job): Promise<Job> {
    const record = toJobRecord(job);
    const finishedAt = TERMINAL_STATUSES.has(job.status) ? (record.completed_at ?? Date.now()) : null;
    return this.guarded('write', job.id, () =>
      this.db.transaction(() => {
        if (this.statements.insert.run({ ...record, finished_at: finishedAt }).changes === 1 || job.idempotencyKey === null) return job;
        const earlier = this.statements.findByIdempotencyKey.get(job.owner, job.idempotencyKey);
        return earlier === undefined ? job : fromJobRecord(earlier);
      })(),
    );
  }

  async get(id: string): Promise<Job | undefined> {
    const row = this.guarded('read', id, () => this.statements.get.get(id));
    return row === undefined ? undefined : fromJobRecord(row);
  }

  async findByIdempotencyKey(owner: string, idempotencyKey: string): Promise<Job | undefined> {
    const row = this.guarded('read', undefined, () => this.statements.findByIdempotencyKey.get(owner, idempotencyKey));
    return row === undefined ? undefined : fromJobRecord(row);
  }

  async transition(id: string, from: readonly JobStatus[], to: JobStatus, update: JobUpdate = {}): Promise<Job | undefined> {
    const allowedFrom = from.filter((status) => ALLOWED_TRANSITIONS[status].includes(to));
    const changes = toRecordUpdate(update);
    const params: TransitionParams = {
      id,
      to,
      from: JSON.stringify(allowedFrom),
      finished_at: TERMINAL_STATUSES.has(to) ? (changes.completed_at ?? Date.now()) : null,
      ...Object.fromEntries(UPDATABLE_RECORD_FIELDS.flatMap((field) => [[field, changes[field] ?? null], [`set_${field}`, field in changes ? 1 : 0]])),
    };
    // all(), not get(): with RETURNING, SQLite commits when the statement runs to its end, and get()
    // stops at the first row and drops the commit's error: on a full disk the job silently stayed put.
    const row = this.guarded('write', id, () => this.statements.transition.all(params)[0]);
    if (row !== undefined) return fromJobRecord(row);
    if (allowedFrom.length < from.length) {
      // Nothing moved, and some expected statuses cannot go to `to`: find out whether the job is in one.
      const status = this.guarded('read', id, () => this.statements.status.get(id));
      if (status !== undefined && from.includes(status)) throw disallowedTransition(id, status, to);
    }
    return undefined;
  }

  async setProgress(id: string, progress: JobProgress): Promise<void> {
    this.guarded('write', id, () => this.statements.setProgress.run(JSON.stringify(progress), id));
  }

  async list(query: JobQuery): Promise<JobPage> {
    const before = query.cursor === undefined ? Number.MAX_SAFE_INTEGER : decodeJobCursor(query.cursor);
    const rows = this.guarded('read', undefined, () => this.statements.list(query, before, query.limit + 1));
    const hasMore = rows.length > query.limit;
    const page = hasMore ? rows.slice(0, query.limit) : rows;
    return { jobs: page.map(fromJobRecord), nextCursor: hasMore ? encodeJobCursor(page[page.length - 1].seq) : null };
  }

  async findByStatus(statuses: readonly JobStatus[]): Promise<Job[]> {
    return this.guarded('read', undefined, () => this.statements.findByStatus.all(JSON.stringify(statuses))).map(fromJobRecord);
  }

  /** See {@link PrunableJobStore.prune}: one IMMEDIATE transaction. */
  async prune(retention: JobRetention): Promise<number> {
    checkJobRetention(retention);
    const { maxAgeMs, maxJobs } = retention;
    return this.guarded('write', undefined, () =>
      this.db.transaction(() => {
        const byAge = maxAgeMs === undefined ? 0 : this.statements.pruneFinishedBefore.run(Date.now() - maxAgeMs).changes;
        const byCount = maxJobs === undefined ? 0 : this.statements.pruneAllButNewest.run(maxJobs).changes;
        return byAge + byCount;
      }).immediate(),
    );
  }

  /** Closes the database file (a second call does nothing). */
  async close(): Promise<void> {
    if (!this.db.open) return;
    try {
      this.db.pragma('optimize');
    } catch {
      // Only an optimisation: a full disk must not stop the close.
    }
    this.db.close();
  }

  /** Runs `statement`; a failure of the file or disk is logged and thrown as `STORE_UNAVAILABLE`. */
  private guarded<T>(operation: StoreOperation, jobId: string | undefined, statement: () => T): T {
    try {
      return statement();
    } catch (error) {
      throw sqliteStoreError(this.file, operation, jobId, error, this.logger);
    }
  }
}
