import type Database from 'better-sqlite3';
import { errorMessageOf } from '@forgesyte/errors';
import { STORE_TAKES_WRITES, type StoreProbe } from '../store-probe';
import { sqliteFailure } from './sqlite-open-error';

/** The probe row's padding: past one page (4 KiB), so that storing it needs pages the file may not have room for. */
const PROBE_PADDING = 'x'.repeat(6_000);
/** How long the probe waits for another connection's write lock, in ms: it runs on the event loop's thread. */
const PROBE_BUSY_TIMEOUT_MS = 100;

/**
 * A real write that proves the jobs database takes writes now, for readiness: in a transaction of its
 * own, a padded row is inserted into `jobs`, deleted, and the transaction committed (net change: the
 * `AUTOINCREMENT` sequence moves by one; the row is never visible). A full disk or the store's page
 * limit (`SQLITE_FULL`), a read-only file or file system (`SQLITE_READONLY`, `SQLITE_IOERR*`) or
 * another process holding the write lock fails it.
 *
 * It never waits in the group commit's queue nor delays it: a group commit runs synchronously from
 * `BEGIN` to `COMMIT`, so none is open while the probe runs, and the probe is done within one turn.
 * The busy timeout is lowered meanwhile, so that another process's lock blocks the event loop at most
 * {@link PROBE_BUSY_TIMEOUT_MS}.
 */
export class SqliteWriteProbe {
  private readonly statements: {
    readonly begin: Database.Statement;
    readonly insert: Database.Statement;
    readonly remove: Database.Statement;
    readonly commit: Database.Statement;
    readonly rollback: Database.Statement;
  };

  constructor(private readonly db: Database.Database) {
    this.statements = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      insert: db.prepare(
        "INSERT INTO jobs (id, plugin, mode, status, owner, created_at, args) VALUES (?, 'readiness-probe', 'async', 'pending', 'readiness-probe', 0, ?)",
      ),
      remove: db.prepare('DELETE FROM jobs WHERE id = ?'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
    };
  }

  /** Attempts the write; what went wrong (with SQLite's code and message, for the log) if it failed. */
  attempt(): StoreProbe {
    if (!this.db.open) return { ok: false, problem: 'the jobs database is closed' };
    const busyTimeout = Number(this.db.pragma('busy_timeout', { simple: true }));
    this.db.pragma(`busy_timeout = ${PROBE_BUSY_TIMEOUT_MS}`);
    const id = `readiness-probe-${process.pid}`;
    try {
      // A transaction a failed COMMIT left open would refuse the BEGIN: the next group commit ends it too.
      if (this.db.inTransaction) this.statements.rollback.run();
      this.statements.begin.run();
      this.statements.insert.run(id, PROBE_PADDING);
      this.statements.remove.run(id);
      this.statements.commit.run();
      return STORE_TAKES_WRITES;
    } catch (error) {
      this.endTransaction();
      const failure = sqliteFailure(error);
      return { ok: false, problem: failure === undefined ? errorMessageOf(error) : `${failure.code}: ${failure.message}` };
    } finally {
      this.db.pragma(`busy_timeout = ${busyTimeout}`);
    }
  }

  private endTransaction(): void {
    if (!this.db.inTransaction) return;
    try {
      this.statements.rollback.run();
    } catch {
      // SQLite rolls back itself when the rollback cannot be written.
    }
  }
}
