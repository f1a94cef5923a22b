import { Logger } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { StoreOperation } from '@forgesyte/errors';
import type { Job, JobProgress, JobUpdate } from '../../jobs/job';
import { ALLOWED_TRANSITIONS, type JobStatus, TERMINAL_STATUSES } from '../../jobs/job-status';
import { disallowedTransition } from '../disallowed-transition';
import { decodeJobCursor, encodeJobCursor } from '../job-cursor';
import { fromJobRecord, toJobRecord, toRecordUpdate } from '../job-record';
import { checkJobRetention, type JobRetention, type PrunableJobStore } from '../job-retention';
import type { JobPage, JobQuery } from '../job-store';
import type { StoreProbe } from '../store-probe';
import { openJobDatabase } from './open-job-database';
import { resolveSqliteJobStoreOptions, type SqliteJobStoreOptions } from './sqlite-job-store.options';
import { SqliteGroupCommit } from './sqlite-group-commit';
import { SqliteJobStatements } from './sqlite-job-statements';
import { sqliteStoreError } from './sqlite-store-error';
import { SqliteWriteProbe } from './sqlite-write-probe';

/**
 * Jobs in one SQLite file (better-sqlite3, write-ahead logging): the embedded default, which survives
 * restarts. Every status change is a single `UPDATE … WHERE id = ? AND status IN (…)`, so several
 * connections, even of several processes, can never move a job twice. The writes of concurrent callers
 * share one transaction ({@link SqliteGroupCommit}); each resolves once committed. Finished jobs stay until
 * {@link prune} deletes them. A failure of the file or the disk (full, I/O error, corrupt) is logged
 * and thrown as `STORE_UNAVAILABLE` (see `sqlite-store-error.ts`).
 */
export class SqliteJobStore implements PrunableJobStore {
  private readonly logger = new Logger('JobStore');

  private readonly commits: SqliteGroupCommit;
  private readonly writeProbe: SqliteWriteProbe;

  private constructor(
    private readonly file: string,
    private readonly db: Database.Database,
    private readonly statements: SqliteJobStatements,
    maxBatchWrites: number,
  ) {
    this.commits = new SqliteGroupCommit(db, maxBatchWrites, (error, jobId) => sqliteStoreError(file, 'write', jobId, error, this.logger));
    this.writeProbe = new SqliteWriteProbe(db);
  }

  /**
   * Opens the database at `file` (typically `<FORGESYTE_DATA_DIR>/jobs.sqlite`), creating the file and
   * its directory when missing and migrating its schema. Throws, naming the file and what to do, when
   * the file is corrupt, locked by another process or written by a newer ForgeSyte; it never
   * recreates or deletes an existing file.
   */
  static open(file: string, options: SqliteJobStoreOptions = {}): SqliteJobStore {
    const settings = resolveSqliteJobStoreOptions(options);
    const db = openJobDatabase(file, settings);
    return new SqliteJobStore(file, db, new SqliteJobStatements(db), settings.maxBatchWrites);
  }

  async insert(job: Job): Promise<Job> {
    const record = toJobRecord(job);
    const params = { ...record, finished_at: TERMINAL_STATUSES.has(job.status) ? (record.completed_at ?? Date.now()) : null };
    const earlier = await this.commits.write(job.id, () => {
      if (this.statements.insert.run(params).changes === 1 || job.idempotencyKey === null) return undefined;
      return this.statements.findByIdempotencyKey(job.owner, job.idempotencyKey);
    });
    return earlier === undefined ? job : fromJobRecord(earlier);
  }

  async get(id: string): Promise<Job | undefined> {
    const row = this.guarded('read', id, () => this.statements.get(id));
    return row === undefined ? undefined : fromJobRecord(row);
  }

  async findByIdempotencyKey(owner: string, idempotencyKey: string): Promise<Job | undefined> {
    const row = this.guarded('read', undefined, () => this.statements.findByIdempotencyKey(owner, idempotencyKey));
    return row === undefined ? undefined : fromJobRecord(row);
  }

  async transition(id: string, from: readonly JobStatus[], to: JobStatus, update: JobUpdate = {}): Promise<Job | undefined> {
    const allowedFrom = from.filter((status) => ALLOWED_TRANSITIONS[status].includes(to));
    const changes = toRecordUpdate(update);
    const finishedAt = TERMINAL_STATUSES.has(to) ? (changes.completed_at ?? Date.now()) : null;
    const row = await this.commits.write(id, () => {
      const moved = this.statements.transition(id, allowedFrom, to, finishedAt, changes);
      if (moved !== undefined || allowedFrom.length === from.length) return moved;
      // Nothing moved, and some expected statuses cannot go to `to`: find out whether the job is in one.
      const status = this.statements.status.get(id);
      if (status !== undefined && from.includes(status)) throw disallowedTransition(id, status, to);
      return undefined;
    });
    return row === undefined ? undefined : fromJobRecord(row);
  }

  async setProgress(id: string, progress: JobProgress): Promise<void> {
    const text = JSON.stringify(progress);
    await this.commits.write(id, () => this.statements.setProgress.run(text, id));
  }

  async list(query: JobQuery): Promise<JobPage> {
    const before = query.cursor === undefined ? Number.MAX_SAFE_INTEGER : decodeJobCursor(query.cursor);
    const rows = this.guarded('read', undefined, () => this.statements.list(query, before, query.limit + 1));
    const hasMore = rows.length > query.limit;
    const page = hasMore ? rows.slice(0, query.limit) : rows;
    return { jobs: page.map(fromJobRecord), nextCursor: hasMore ? encodeJobCursor(page[page.length - 1].seq) : null };
  }

  async findByStatus(statuses: readonly JobStatus[]): Promise<Job[]> {
    return this.guarded('read', undefined, () => this.statements.findByStatus(statuses)).map(fromJobRecord);
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

  /** See {@link PrunableJobStore.probe}: a padded row written and deleted in a transaction of its own ({@link SqliteWriteProbe}). */
  async probe(): Promise<StoreProbe> {
    const found = this.writeProbe.attempt();
    return found.ok ? found : { ok: false, problem: `jobs database ${this.file}: ${found.problem}` };
  }

  /** Commits the writes still waiting for their batch, then closes the database file (a second call does nothing). */
  async close(): Promise<void> {
    if (!this.db.open) return;
    this.commits.flush();
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
