import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { checkSchemaVersion, migrate, SQLITE_MIGRATIONS, type SqliteMigration } from './sqlite-migrations';
import { explainOpenFailure } from './sqlite-open-error';
import type { SqliteJobStoreSettings } from './sqlite-job-store.options';

/**
 * Opens (or creates) the jobs database file, ready for use: its directory created if missing, the busy
 * timeout and write-ahead logging set, the schema migrated. A file it cannot use (corrupt, locked,
 * newer schema) is left exactly as it was and reported with what to do.
 */
export function openJobDatabase(
  file: string,
  settings: SqliteJobStoreSettings,
  migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS,
): Database.Database {
  createDirectory(dirname(file));
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: settings.busyTimeoutMs });
    db.pragma(`busy_timeout = ${settings.busyTimeoutMs}`);
    // Before the first write (the journal mode is one): a corrupt or newer file stays untouched.
    checkSchemaVersion(db, file, migrations);
    useWriteAheadLog(db, file);
    db.pragma(`synchronous = ${settings.synchronous}`);
    migrate(db, file, migrations);
    return db;
  } catch (error) {
    db?.close();
    throw explainOpenFailure(file, error, settings.busyTimeoutMs);
  }
}

/** WAL: readers never block the writer, and a commit needs no fsync of the main file. */
function useWriteAheadLog(db: Database.Database, file: string): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') {
    throw new Error(`jobs database ${file} cannot use write-ahead logging (journal mode stays '${String(mode)}'). Keep the data directory on a local disk, not a network share.`);
  }
}

function createDirectory(directory: string): void {
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new Error(
      `cannot create the directory ${directory} for the jobs database (${error instanceof Error ? error.message : String(error)}). Create it, or point FORGESYTE_DATA_DIR at a writable directory.`,
      { cause: error },
    );
  }
}
