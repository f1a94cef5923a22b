import type Database from 'better-sqlite3';

/** A write waiting for its batch: its statements, and its caller's promise. */
interface QueuedWrite {
  readonly jobId: string | undefined;
  /** Its statements (one that modifies, and reads), run inside the batch's transaction. */
  readonly statements: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** How a write ended inside its batch's transaction: not settled until the batch is committed. */
type WriteOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** What a {@link SqliteGroupCommit} makes of a SQLite failure, for the job a write was about. */
export type WriteFailure = (error: unknown, jobId: string | undefined) => unknown;

/**
 * Group commit: the writes of concurrent callers share one transaction. The writes issued in one turn
 * of the event loop (or up to `maxBatchWrites`) run together, in order, in one `BEGIN IMMEDIATE … COMMIT`,
 * and each caller's promise settles only once that commit returned: a caller is never told of a write a
 * process crash could still lose (with WAL, a commit is in the `-wal` file when `COMMIT` returns).
 *
 * Each write sees the writes before it in its batch, and is one modifying statement (plus reads), which
 * SQLite undoes alone when it fails: a write that throws fails its own caller only. When a failure
 * takes the whole transaction with it (SQLite may roll back on `SQLITE_FULL`, `SQLITE_IOERR*`, `SQLITE_NOMEM`),
 * that write fails and the others run again in a new transaction. A `BEGIN` or `COMMIT` that fails (a full
 * disk, a read-only file, another process holding the lock past the busy timeout) fails every write of the
 * batch with `failure`'s error; the next batch starts afresh.
 */
export class SqliteGroupCommit {
  private queued: QueuedWrite[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private readonly statements: { readonly begin: Database.Statement; readonly commit: Database.Statement; readonly rollback: Database.Statement };

  constructor(
    private readonly db: Database.Database,
    private readonly maxBatchWrites: number,
    private readonly failure: WriteFailure,
  ) {
    this.statements = { begin: db.prepare('BEGIN IMMEDIATE'), commit: db.prepare('COMMIT'), rollback: db.prepare('ROLLBACK') };
  }

  /** Runs `statements` in the next batch's transaction; resolves with their value once the batch is committed. */
  write<T>(jobId: string | undefined, statements: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queued.push({ jobId, statements, resolve: resolve as (value: unknown) => void, reject });
      if (this.queued.length >= this.maxBatchWrites) this.flush();
      else this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Commits the writes queued so far, now (before the database closes). */
  flush(): void {
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    let writes = this.queued;
    this.queued = [];
    while (writes.length > 0) writes = this.commitBatch(writes);
  }

  /** One transaction; returns the writes to run again when a write's failure rolled the transaction back. */
  private commitBatch(writes: readonly QueuedWrite[]): QueuedWrite[] {
    // A transaction an earlier failed COMMIT could not roll back would refuse every BEGIN until a restart.
    this.rollBack();
    try {
      this.statements.begin.run();
    } catch (error) {
      for (const write of writes) write.reject(this.failure(error, write.jobId));
      return [];
    }
    const outcomes: WriteOutcome[] = [];
    for (const [index, write] of writes.entries()) {
      try {
        outcomes.push({ ok: true, value: write.statements() });
      } catch (error) {
        if (!this.db.inTransaction) {
          write.reject(this.failure(error, write.jobId));
          return writes.filter((_, other) => other !== index);
        }
        outcomes.push({ ok: false, error: this.failure(error, write.jobId) });
      }
    }
    try {
      this.statements.commit.run();
    } catch (error) {
      this.rollBack();
      writes.forEach((write, index) => {
        const outcome = outcomes[index];
        write.reject(outcome.ok ? this.failure(error, write.jobId) : outcome.error);
      });
      return [];
    }
    writes.forEach((write, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) write.resolve(outcome.value);
      else write.reject(outcome.error);
    });
    return [];
  }

  /** Ends a transaction whose `COMMIT` failed (unless SQLite already rolled it back), so that the next batch can begin. */
  private rollBack(): void {
    if (!this.db.inTransaction) return;
    try {
      this.statements.rollback.run();
    } catch {
      // SQLite rolls back itself when the rollback cannot be written; the next BEGIN says so if not.
    }
  }
}
