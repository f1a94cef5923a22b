import Database from 'better-sqlite3';
import { checkSchemaVersion, migrate, SQLITE_MIGRATIONS, type SqliteMigration } from './sqlite-migrations';
import { corruptionMessage, explainOpenFailure } from './sqlite-open-error';
import type { SqliteJobStoreSettings } from './sqlite-job-store.options';
import { createPrivateDirectory, createPrivateFile, restrictToOwner } from './private-files';

/**
 * WAL pages after which a commit also checkpoints (copies the log into the file, with two fsyncs, on
 * the event loop's thread): 10,000 (a log of about 40 MiB) rather than SQLite's 1,000, so that a stall
 * comes ten times less often and copies each hot page once for many commits (issue 18: 1.15× and 1.36×
 * the async jobs per second of 1,000 pages in two A/B rounds of the store bench).
 */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/**
 * Opens (or creates) the jobs database file, ready for use: its directory created if missing (0700),
 * the file readable by its owner only (0600, and so its `-wal` and `-shm` files), the busy timeout and
 * write-ahead logging set, the schema migrated. A file it cannot use (corrupt, locked, newer schema) is
 * left exactly as it was and reported with what to do; a file damaged in the middle is found by
 * `PRAGMA quick_check` before anything is written.
 */
export function openJobDatabase(
  file: string,
  settings: SqliteJobStoreSettings,
  migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS,
): Database.Database {
  createPrivateDirectory(file);
  createPrivateFile(file);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: settings.busyTimeoutMs });
    db.pragma(`busy_timeout = ${settings.busyTimeoutMs}`);
    // Before the first write (the journal mode is one): a corrupt or newer file stays untouched.
    checkSchemaVersion(db, file, migrations);
    checkIntegrity(db, file);
    useWriteAheadLog(db, file);
    restrictToOwner(file);
    db.pragma(`synchronous = ${settings.synchronous}`);
    if (settings.maxPageCount > 0) db.pragma(`max_page_count = ${settings.maxPageCount}`);
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    migrate(db, file, migrations);
    return db;
  } catch (error) {
    db?.close();
    throw explainOpenFailure(file, error, settings.busyTimeoutMs);
  }
}

/**
 * `PRAGMA quick_check(1)`: every page and index entry read once (linear in the file's size, without
 * the index-to-table cross-check of `integrity_check`), stopping at the first problem.
 */
function checkIntegrity(db: Database.Database, file: string): void {
  const verdict = String(db.pragma('quick_check(1)', { simple: true }));
  if (verdict !== 'ok') throw new Error(corruptionMessage(file, `quick_check: ${verdict}`));
}

/** WAL: readers never block the writer, and a commit needs no fsync of the main file. */
function useWriteAheadLog(db: Database.Database, file: string): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') {
    throw new Error(`jobs database ${file} cannot use write-ahead logging (journal mode stays '${String(mode)}'). Keep the data directory on a local disk, not a network share.`);
  }
}
