import { Logger } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { StoreOperation } from '@forgesyte/errors';
import { openJobDatabase, resolveSqliteJobStoreOptions, sqliteStoreError, type SqliteJobStoreOptions } from '@forgesyte/execution';
import type { KeyAuditEntry } from '../../api-key-record';
import { type AuditRow, fromAuditRow, fromKeyRow, type KeyRow, toAuditRow, toKeyRow } from '../key-row';
import { keyStoreError } from '../key-store-error';
import type { KeyChanges, KeyStore, KeyWrite, NumberedAuditEntry, StoredKey } from '../key-store';

const SQL = {
  revision: 'SELECT revision FROM api_key_revision WHERE id = 1',
  bump: 'UPDATE api_key_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision',
  all: 'SELECT * FROM api_keys',
  since: 'SELECT * FROM api_keys WHERE revision > ?',
  get: 'SELECT * FROM api_keys WHERE id = ?',
  list: 'SELECT * FROM api_keys WHERE id > ? ORDER BY id LIMIT ?',
  currentRevision: 'SELECT revision FROM api_keys WHERE id = ?',
  insert: `INSERT INTO api_keys (id, name, scopes, plugins, tools, limits, created_at, last_used_at, expires_at, revoked_at, digest, previous_digest, previous_until, revision)
    VALUES (@id, @name, @scopes, @plugins, @tools, @limits, @created_at, NULL, @expires_at, @revoked_at, @digest, @previous_digest, @previous_until, @revision)`,
  update: `UPDATE api_keys SET name = @name, scopes = @scopes, plugins = @plugins, tools = @tools, limits = @limits, expires_at = @expires_at,
    revoked_at = @revoked_at, digest = @digest, previous_digest = @previous_digest, previous_until = @previous_until, revision = @revision WHERE id = @id`,
  touch: 'UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
  appendAudit: 'INSERT INTO api_key_audit (at, actor, action, key_id, changes) VALUES (@at, @actor, @action, @key_id, @changes)',
  audit: 'SELECT * FROM api_key_audit WHERE seq < ? ORDER BY seq DESC LIMIT ?',
} as const;

type Statements = { readonly [name in keyof typeof SQL]: Database.Statement };

/**
 * Keys in the SQLite jobs database (`<FORGESYTE_DATA_DIR>/jobs.sqlite`): tables `api_keys`,
 * `api_key_revision` and `api_key_audit` (migration 2 of the jobs schema). Its own connection to the
 * file, opened by the job store's `openJobDatabase` (same pragmas, migrations and failure messages);
 * another process (the `keys` CLI, a second API) sees a change by polling {@link revision}.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly logger = new Logger('KeyStore');

  private constructor(
    private readonly file: string,
    private readonly db: Database.Database,
    private readonly statements: Statements,
  ) {}

  /** Opens (creating and migrating when needed) the jobs database at `file` for its keys. */
  static open(file: string, options: SqliteJobStoreOptions = {}): SqliteKeyStore {
    const db = openJobDatabase(file, resolveSqliteJobStoreOptions(options));
    const statements = Object.fromEntries(Object.entries(SQL).map(([name, sql]) => [name, db.prepare(sql)])) as unknown as Statements;
    return new SqliteKeyStore(file, db, statements);
  }

  async loadAll(): Promise<KeyChanges> {
    return this.guarded('read', () =>
      this.db.transaction(() => ({ revision: this.currentRevision(), keys: (this.statements.all.all() as KeyRow[]).map(fromKeyRow) }))(),
    );
  }

  async revision(): Promise<number> {
    return this.guarded('read', () => this.currentRevision());
  }

  async changesSince(revision: number): Promise<KeyChanges> {
    return this.guarded('read', () =>
      this.db.transaction(() => ({ revision: this.currentRevision(), keys: (this.statements.since.all(revision) as KeyRow[]).map(fromKeyRow) }))(),
    );
  }

  async get(id: string): Promise<StoredKey | undefined> {
    const row = this.guarded('read', () => this.statements.get.get(id) as KeyRow | undefined);
    return row === undefined ? undefined : fromKeyRow(row);
  }

  async list(limit: number, afterId = ''): Promise<StoredKey[]> {
    return this.guarded('read', () => (this.statements.list.all(afterId, limit) as KeyRow[]).map(fromKeyRow));
  }

  async save(key: KeyWrite, expected: number | null, audit: KeyAuditEntry): Promise<StoredKey | undefined> {
    return this.guarded('write', () =>
      this.db
        .transaction((): StoredKey | undefined => {
          const current = this.statements.currentRevision.get(key.record.id) as { revision: number } | undefined;
          if ((current?.revision ?? null) !== expected) return undefined;
          const { revision } = this.statements.bump.get() as { revision: number };
          const row = toKeyRow(key, revision);
          (current === undefined ? this.statements.insert : this.statements.update).run(row);
          this.statements.appendAudit.run(toAuditRow(audit));
          return fromKeyRow(this.statements.get.get(key.record.id) as KeyRow);
        })
        .immediate(),
    );
  }

  async touch(uses: ReadonlyMap<string, number>): Promise<void> {
    this.guarded('write', () =>
      this.db.transaction(() => {
        for (const [id, at] of uses) this.statements.touch.run(at, id, at);
      })(),
    );
  }

  async appendAudit(entry: KeyAuditEntry): Promise<void> {
    this.guarded('write', () => this.statements.appendAudit.run(toAuditRow(entry)));
  }

  async audit(limit: number, beforeSeq = Number.MAX_SAFE_INTEGER): Promise<NumberedAuditEntry[]> {
    const rows = this.guarded('read', () => this.statements.audit.all(beforeSeq, limit) as (AuditRow & { seq: number })[]);
    return rows.map((row) => ({ seq: row.seq, entry: fromAuditRow(row) }));
  }

  /** Nothing to listen to in a file: the service polls {@link revision}. */
  watch(): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private currentRevision(): number {
    return (this.statements.revision.get() as { revision: number }).revision;
  }

  /** Runs `statement`; a failure of the file or disk is logged and thrown as `STORE_UNAVAILABLE`. */
  private guarded<T>(operation: StoreOperation, statement: () => T): T {
    try {
      return statement();
    } catch (error) {
      throw keyStoreError(sqliteStoreError(this.file, operation, undefined, error, this.logger));
    }
  }
}
