/** How {@link SqliteJobStore.open} treats its database file. */
export interface SqliteJobStoreOptions {
  /** How long a statement waits for another connection's lock before failing (ms). */
  readonly busyTimeoutMs?: number;
  /**
   * `normal` (with WAL: a power cut may lose the last commits, a process crash loses nothing) or
   * `full` (every commit reaches the disk; slower).
   */
  readonly synchronous?: 'normal' | 'full';
  /**
   * The most pages (of 4 KiB) the file may hold, SQLite's `max_page_count`; beyond it a write fails
   * with `SQLITE_FULL`, exactly as on a full disk. 0 (the default): no limit but the disk. An internal
   * knob, not an environment variable: tests fill the store with it where no tmpfs can be mounted.
   */
  readonly maxPageCount?: number;
  /**
   * The most writes one group commit holds (see `SqliteGroupCommit`): the writes of one event-loop turn
   * share a transaction, and a turn that issues more commits each `maxBatchWrites` at once.
   */
  readonly maxBatchWrites?: number;
}

/** {@link SqliteJobStoreOptions} with every default applied. */
export type SqliteJobStoreSettings = Required<SqliteJobStoreOptions>;

/** The defaults of {@link SqliteJobStoreOptions}. */
export const SQLITE_JOB_STORE_DEFAULTS: Readonly<SqliteJobStoreSettings> = Object.freeze({
  busyTimeoutMs: 5_000,
  synchronous: 'normal',
  maxPageCount: 0,
  maxBatchWrites: 512,
});

/** Applies the defaults and checks each option, naming the one that is wrong. */
export function resolveSqliteJobStoreOptions(options: SqliteJobStoreOptions): SqliteJobStoreSettings {
  const settings = { ...SQLITE_JOB_STORE_DEFAULTS, ...withoutUndefined(options) };
  if (!(Number.isSafeInteger(settings.busyTimeoutMs) && settings.busyTimeoutMs >= 0)) {
    throw new RangeError(`SqliteJobStore: busyTimeoutMs must be an integer number of milliseconds >= 0, got ${String(settings.busyTimeoutMs)}.`);
  }
  if (!(Number.isSafeInteger(settings.maxPageCount) && settings.maxPageCount >= 0)) {
    throw new RangeError(`SqliteJobStore: maxPageCount must be a whole number of pages >= 0 (0: no limit), got ${String(settings.maxPageCount)}.`);
  }
  if (!(Number.isSafeInteger(settings.maxBatchWrites) && settings.maxBatchWrites >= 1)) {
    throw new RangeError(`SqliteJobStore: maxBatchWrites must be a whole number of writes >= 1, got ${String(settings.maxBatchWrites)}.`);
  }
  if (settings.synchronous !== 'normal' && settings.synchronous !== 'full') {
    throw new RangeError(`SqliteJobStore: synchronous must be 'normal' or 'full', got '${String(settings.synchronous)}'.`);
  }
  return settings;
}

function withoutUndefined(options: SqliteJobStoreOptions): SqliteJobStoreOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
