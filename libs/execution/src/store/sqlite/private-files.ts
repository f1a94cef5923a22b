import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/** The jobs database holds job args and results: only its owner may read it. */
const OWNER_ONLY_FILE = 0o600;
const OWNER_ONLY_DIRECTORY = 0o700;
/** The files SQLite keeps beside the database in write-ahead-log mode. */
const COMPANION_SUFFIXES = ['', '-wal', '-shm'] as const;

/** Creates the directory of `file` and its missing parents, each 0700; an existing directory is left as it is. */
export function createPrivateDirectory(file: string): void {
  const directory = dirname(file);
  try {
    const first = mkdirSync(directory, { recursive: true, mode: OWNER_ONLY_DIRECTORY });
    // mkdir's mode passes through the umask; a umask cannot loosen 0700, but say it outright.
    if (first !== undefined) chmodSync(directory, OWNER_ONLY_DIRECTORY);
  } catch (error) {
    throw new Error(
      `cannot create the directory ${directory} for the jobs database (${error instanceof Error ? error.message : String(error)}). Create it, or point FORGESYTE_DATA_DIR at a writable directory.`,
      { cause: error },
    );
  }
}

/**
 * Creates `file` empty (an empty file is a new SQLite database) with mode 0600 when it is missing, so
 * that it is never readable by others, not even for a moment; SQLite gives the `-wal` and `-shm` files
 * it creates later the mode of the database file.
 */
export function createPrivateFile(file: string): void {
  if (existsSync(file)) return;
  try {
    closeSync(openSync(file, 'a', OWNER_ONLY_FILE));
  } catch {
    // Left to SQLite, which reports why it cannot create the file, naming it.
  }
}

/** Makes the database and its companion files 0600 (files an older version created 0644 included). */
export function restrictToOwner(file: string): void {
  for (const suffix of COMPANION_SUFFIXES) {
    try {
      chmodSync(`${file}${suffix}`, OWNER_ONLY_FILE);
    } catch {
      // Missing (no -shm yet), or owned by another user: nothing this process may change.
    }
  }
}
