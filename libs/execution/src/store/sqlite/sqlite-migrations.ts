import type Database from 'better-sqlite3';

/**
 * One step of the jobs database schema. A migration is history: once released, its SQL never changes;
 * a new schema is a new migration with the next version.
 */
export interface SqliteMigration {
  /** The `PRAGMA user_version` the database has once this step ran: 1, 2, 3… */
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

/** The jobs database schema, oldest step first. */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    description: 'jobs table; indexes for idempotency, the listing filters, cursor pages and pruning',
    sql: `
      -- seq is the listing order and the cursor. AUTOINCREMENT: a sequence number is never reused,
      -- even after the newest job was pruned, so an old cursor can never point into newer jobs.
      CREATE TABLE jobs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        plugin TEXT NOT NULL,
        tool TEXT,
        mode TEXT NOT NULL CHECK (mode IN ('sync', 'async')),
        status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'success', 'failed', 'cancelled')),
        owner TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        completed_at INTEGER,
        duration_ms REAL,
        progress TEXT,
        args TEXT,
        result TEXT,
        error TEXT,
        idempotency_key TEXT,
        request_hash TEXT,
        -- when the job entered a final status (epoch ms); NULL while pending or running
        finished_at INTEGER
      );
      CREATE UNIQUE INDEX jobs_owner_idempotency_key ON jobs (owner, idempotency_key) WHERE idempotency_key IS NOT NULL;
      CREATE INDEX jobs_owner_seq ON jobs (owner, seq);
      CREATE INDEX jobs_plugin_seq ON jobs (plugin, seq);
      CREATE INDEX jobs_status_seq ON jobs (status, seq);
      CREATE INDEX jobs_finished ON jobs (finished_at, seq) WHERE finished_at IS NOT NULL;
    `,
  },
  {
    version: 2,
    description: 'API keys (@forgesyte/keys): api_keys, their change counter, and their audit',
    sql: `
      -- Never a secret: digest is the SHA-256 of the key's secret. Times are epoch ms.
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        scopes TEXT NOT NULL,
        plugins TEXT,
        tools TEXT,
        limits TEXT,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER,
        expires_at INTEGER,
        revoked_at INTEGER,
        digest BLOB NOT NULL,
        previous_digest BLOB,
        previous_until INTEGER,
        -- the value of api_key_revision.revision written with this row's last change
        revision INTEGER NOT NULL
      );
      CREATE INDEX api_keys_revision ON api_keys (revision);
      -- One row, bumped by every change of a key: what other processes poll to see changes within a second.
      CREATE TABLE api_key_revision (id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL);
      INSERT INTO api_key_revision (id, revision) VALUES (1, 0);
      CREATE TABLE api_key_audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        key_id TEXT NOT NULL,
        changes TEXT
      );
    `,
  },
  {
    version: 3,
    description: "jobs' priority (1 first to 10 last; earlier jobs get the default, 5), and an index for the listing's priority filter",
    sql: `
      ALTER TABLE jobs ADD COLUMN priority INTEGER NOT NULL DEFAULT 5 CHECK (priority BETWEEN 1 AND 10);
      CREATE INDEX jobs_priority_seq ON jobs (priority, seq);
    `,
  },
  {
    version: 4,
    description: "jobs' attempts (retries with backoff): the attempt it is on, the most it may make, earlier attempts' errors, when the next may start",
    sql: `
      ALTER TABLE jobs ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1;
      -- JSON array of error envelopes, oldest first; NULL when no attempt failed yet
      ALTER TABLE jobs ADD COLUMN attempt_errors TEXT;
      -- epoch ms; set only while a job waits between attempts
      ALTER TABLE jobs ADD COLUMN next_attempt_at INTEGER;
    `,
  },
  {
    version: 5,
    description: "jobs' mode may be 'mcp' (an MCP client's tools/call): the jobs table rebuilt with the wider CHECK (SQLite cannot alter one), rows, sequence and indexes kept",
    sql: `
      CREATE TABLE jobs_v5 (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        plugin TEXT NOT NULL,
        tool TEXT,
        mode TEXT NOT NULL CHECK (mode IN ('sync', 'async', 'mcp')),
        status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'success', 'failed', 'cancelled')),
        owner TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        completed_at INTEGER,
        duration_ms REAL,
        progress TEXT,
        args TEXT,
        result TEXT,
        error TEXT,
        idempotency_key TEXT,
        request_hash TEXT,
        finished_at INTEGER,
        priority INTEGER NOT NULL DEFAULT 5 CHECK (priority BETWEEN 1 AND 10),
        attempt INTEGER NOT NULL DEFAULT 1,
        attempts INTEGER NOT NULL DEFAULT 1,
        attempt_errors TEXT,
        next_attempt_at INTEGER
      );
      INSERT INTO jobs_v5 (seq, id, plugin, tool, mode, status, owner, created_at, started_at, completed_at, duration_ms, progress, args, result, error,
                           idempotency_key, request_hash, finished_at, priority, attempt, attempts, attempt_errors, next_attempt_at)
        SELECT seq, id, plugin, tool, mode, status, owner, created_at, started_at, completed_at, duration_ms, progress, args, result, error,
               idempotency_key, request_hash, finished_at, priority, attempt, attempts, attempt_errors, next_attempt_at FROM jobs;
      -- A sequence number is never reused, even one of a pruned job newer than every row left.
      DELETE FROM sqlite_sequence WHERE name = 'jobs_v5';
      INSERT INTO sqlite_sequence (name, seq) SELECT 'jobs_v5', seq FROM sqlite_sequence WHERE name = 'jobs';
      DROP TABLE jobs;
      ALTER TABLE jobs_v5 RENAME TO jobs;
      CREATE UNIQUE INDEX jobs_owner_idempotency_key ON jobs (owner, idempotency_key) WHERE idempotency_key IS NOT NULL;
      CREATE INDEX jobs_owner_seq ON jobs (owner, seq);
      CREATE INDEX jobs_plugin_seq ON jobs (plugin, seq);
      CREATE INDEX jobs_status_seq ON jobs (status, seq);
      CREATE INDEX jobs_finished ON jobs (finished_at, seq) WHERE finished_at IS NOT NULL;
      CREATE INDEX jobs_priority_seq ON jobs (priority, seq);
    `,
  },
  {
    version: 6,
    description: "jobs' plugin version: the version of the plugin that produced the outcome (NULL for jobs finished before, and for jobs no plugin ran)",
    sql: `
      ALTER TABLE jobs ADD COLUMN plugin_version TEXT;
    `,
  },
  {
    version: 7,
    description:
      "no index for the listing's priority filter: every insert paid for it (about 13 µs of the 50 an insert costs in a group commit of twelve, `npm run bench:sqlite-writes`), and a listing by priority reads newest first through the retained jobs, filtering",
    sql: `
      DROP INDEX jobs_priority_seq;
    `,
  },
];

/** The database's schema version (`PRAGMA user_version`; 0 for a new, empty file). */
export function schemaVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * Refuses a database written by a newer ForgeSyte: its schema may hold what this version cannot read
 * or would corrupt. Checked before anything writes to the file.
 */
export function checkSchemaVersion(db: Database.Database, file: string, migrations: readonly SqliteMigration[]): number {
  const current = schemaVersion(db);
  const known = latestVersion(migrations);
  if (current > known) {
    throw new Error(
      `jobs database ${file} has schema version ${current}, but this ForgeSyte knows versions up to ${known}: a newer ForgeSyte wrote it. ` +
        'Run that newer version, or move the file aside (or restore a backup made by this version) to start this one. ForgeSyte never downgrades or deletes a database.',
    );
  }
  return current;
}

/**
 * Brings the database to the newest schema: every migration above its version, in order, in one
 * `BEGIN IMMEDIATE` transaction (all or nothing; a second process opening the same file waits for it,
 * then finds nothing left to do). Also fails fast, within the busy timeout, when another connection
 * holds the write lock.
 */
export function migrate(db: Database.Database, file: string, migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS): void {
  checkMigrationOrder(migrations);
  db.transaction(() => {
    const current = checkSchemaVersion(db, file, migrations);
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}

function latestVersion(migrations: readonly SqliteMigration[]): number {
  return migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
}

function checkMigrationOrder(migrations: readonly SqliteMigration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`SQLite migration '${migration.description}' has version ${migration.version} but is number ${index + 1} in the list: number migrations 1, 2, 3… in order.`);
    }
  });
}
