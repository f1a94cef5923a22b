/**
 * Rewrites a failure to open the jobs database into a message that names the file and says what to
 * do. Errors that are not SQLite's (such as a too-new schema) already do, and pass through unchanged.
 */
export function explainOpenFailure(file: string, error: unknown, busyTimeoutMs: number): unknown {
  const failure = sqliteFailure(error);
  if (failure === undefined) return error;
  const { code } = failure;
  const what = `${code}: ${failure.message}`;
  if (isCorruption(code)) return new Error(corruptionMessage(file, what), { cause: error });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new Error(
      `jobs database ${file} is locked (${what}): another ForgeSyte process, or a sqlite3 shell, is using it and did not release it within ${busyTimeoutMs} ms. ` +
        'Stop the other process, or give this one its own data directory (FORGESYTE_DATA_DIR).',
      { cause: error },
    );
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR')) {
    return new Error(
      `cannot open jobs database ${file} for writing (${what}). Check that its directory exists, is writable by this user and has free space.`,
      { cause: error },
    );
  }
  return new Error(`cannot open jobs database ${file} (${what}).`, { cause: error });
}

/** Whether a SQLite result code says the file is damaged or not a database at all. */
export function isCorruption(code: string): boolean {
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

/**
 * What is said of a damaged jobs database, at start (which it stops) and at run time (in the log):
 * the file, the SQLite error (`what`), and what to do.
 */
export function corruptionMessage(file: string, what: string): string {
  return (
    `jobs database ${file} is not a readable SQLite database (${what}). ForgeSyte will not overwrite or delete it: ` +
    'move it aside or restore a backup, then start again (a missing file is created empty).'
  );
}

/**
 * The code and message of a better-sqlite3 error. Matched by shape, not `instanceof SqliteError` (nor
 * `instanceof Error`): the native addon keeps the error class of the first copy of better-sqlite3
 * loaded in the process, and jest gives each test file its own copy and its own `Error`.
 */
export function sqliteFailure(error: unknown): { readonly code: string; readonly message: string } | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error) || !('message' in error)) return undefined;
  const { code, message } = error;
  return typeof code === 'string' && code.startsWith('SQLITE_') && typeof message === 'string' ? { code, message } : undefined;
}
