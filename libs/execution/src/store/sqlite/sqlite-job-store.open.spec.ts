import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteJobStore } from './sqlite-job-store';
import { migrate, schemaVersion, SQLITE_MIGRATIONS, type SqliteMigration } from './sqlite-migrations';
import type { Job } from '../../jobs/job';
import { job } from '../../testing/job-records';
import { makeTempDir } from '../../testing/temp-dir';

const dir = makeTempDir('sqlite-open');
let files = 0;
const newFile = () => join(dir.path, `jobs-${(files += 1)}.sqlite`);

afterAll(() => dir.remove());

/** Runs `use` on a plain better-sqlite3 connection to `file`, closing it afterwards. */
function withConnection<T>(file: string, use: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return use(db);
  } finally {
    db.close();
  }
}

/** Opens and closes a store on `file`, so that it holds the current schema (and `jobs`, if given). */
async function seed(file: string, ...jobs: Job[]): Promise<void> {
  const store = SqliteJobStore.open(file);
  for (const seeded of jobs) await store.insert(seeded);
  await store.close();
}

describe(`${SqliteJobStore.name} open`, () => {
  describe('a corrupt file', () => {
    it('is refused with a message naming the file and what to do, and left byte for byte as it was', () => {
      const file = newFile();
      const garbage = Buffer.from('these bytes are not a SQLite database '.repeat(200));
      writeFileSync(file, garbage);

      expect(() => SqliteJobStore.open(file)).toThrow(`jobs database ${file} is not a readable SQLite database`);
      expect(() => SqliteJobStore.open(file)).toThrow(/move it aside or restore a backup/);
      expect(readFileSync(file).equals(garbage)).toBe(true);
    });

    it('is refused when only its header survived', async () => {
      const file = newFile();
      await seed(file, job());
      const bytes = readFileSync(file);
      bytes.fill(0x5a, 100);
      writeFileSync(file, bytes);

      expect(() => SqliteJobStore.open(file)).toThrow(/is not a readable SQLite database .*move it aside or restore a backup/);
      expect(readFileSync(file).equals(bytes)).toBe(true);
    });
  });

  describe('a locked file', () => {
    it.each([
      ['a jobs database', (file: string) => seed(file)],
      ['a new database in rollback-journal mode', (file: string) => withConnection(file, (db) => db.exec('CREATE TABLE other (x)'))],
    ])('is refused while another connection holds an exclusive lock on %s, saying another process uses it', async (_, create) => {
      const file = newFile();
      await create(file);
      const locker = new Database(file);
      locker.exec('BEGIN EXCLUSIVE');
      try {
        expect(() => SqliteJobStore.open(file, { busyTimeoutMs: 50 })).toThrow(`jobs database ${file} is locked`);
        expect(() => SqliteJobStore.open(file, { busyTimeoutMs: 50 })).toThrow(/another ForgeSyte process/);
      } finally {
        locker.exec('ROLLBACK');
        locker.close();
      }
    });

    it('opens with its jobs once the lock is released', async () => {
      const file = newFile();
      const kept = job();
      await seed(file, kept);
      const locker = new Database(file);
      locker.exec('BEGIN EXCLUSIVE');
      expect(() => SqliteJobStore.open(file, { busyTimeoutMs: 50 })).toThrow(/locked/);
      locker.exec('ROLLBACK');
      locker.close();

      const store = SqliteJobStore.open(file, { busyTimeoutMs: 50 });

      await expect(store.get(kept.id)).resolves.toEqual(kept);
      await store.close();
    });
  });

  describe('schema migrations', () => {
    it('gives a new file the newest schema version, in write-ahead-log mode', async () => {
      const file = newFile();
      await seed(file);

      withConnection(file, (db) => {
        expect(schemaVersion(db)).toBe(SQLITE_MIGRATIONS.length);
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      });
    });

    it('opens a file of schema version 1 and keeps its jobs', async () => {
      const file = newFile();
      withConnection(file, (db) => {
        migrate(db, file, SQLITE_MIGRATIONS.slice(0, 1));
        db.prepare(
          `INSERT INTO jobs (id, plugin, tool, mode, status, owner, created_at, args, idempotency_key)
           VALUES ('v1-job', 'echo', 'echo', 'async', 'pending', 'key_owner', 1000, '{"message":"hi"}', 'k')`,
        ).run();
      });

      const store = SqliteJobStore.open(file);

      await expect(store.get('v1-job')).resolves.toMatchObject({ id: 'v1-job', status: 'pending', createdAt: new Date(1000), args: { message: 'hi' } });
      await expect(store.findByIdempotencyKey('key_owner', 'k')).resolves.toMatchObject({ id: 'v1-job' });
      await store.close();
    });

    it('applies a later migration to an older file, keeping its jobs', async () => {
      const file = newFile();
      const kept = job();
      await seed(file, kept);
      const next: SqliteMigration = { version: SQLITE_MIGRATIONS.length + 1, description: 'a note column', sql: 'ALTER TABLE jobs ADD COLUMN note TEXT' };

      withConnection(file, (db) => {
        migrate(db, file, [...SQLITE_MIGRATIONS, next]);

        expect(schemaVersion(db)).toBe(next.version);
        expect(db.prepare('SELECT id, note FROM jobs').all()).toEqual([{ id: kept.id, note: null }]);
      });
    });

    it('applies the migrations of one open all or nothing', () => {
      const file = newFile();
      const broken: SqliteMigration = { version: SQLITE_MIGRATIONS.length + 1, description: 'broken', sql: 'ALTER TABLE missing ADD COLUMN x' };

      withConnection(file, (db) => {
        expect(() => migrate(db, file, [...SQLITE_MIGRATIONS, broken])).toThrow(/no such table: missing/);

        expect(schemaVersion(db)).toBe(0);
        expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'jobs'").all()).toEqual([]);
      });
    });

    it('refuses migrations that are not numbered 1, 2, 3… in order', () => {
      const file = newFile();
      const skipped = [{ ...SQLITE_MIGRATIONS[0], version: 2 }];

      withConnection(file, (db) => expect(() => migrate(db, file, skipped)).toThrow(/has version 2 but is number 1/));
    });

    it('refuses a file written by a newer ForgeSyte, naming the file and both versions, and leaves it untouched', () => {
      const file = newFile();
      withConnection(file, (db) => db.pragma('user_version = 99'));

      expect(() => SqliteJobStore.open(file)).toThrow(
        `jobs database ${file} has schema version 99, but this ForgeSyte knows versions up to ${SQLITE_MIGRATIONS.length}: a newer ForgeSyte wrote it`,
      );
      withConnection(file, (db) => {
        expect(schemaVersion(db)).toBe(99);
        expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
      });
    });
  });

  describe('an unusable directory', () => {
    it('is refused with a message naming the directory', () => {
      const blocker = newFile();
      writeFileSync(blocker, 'a file where a directory should be');

      expect(() => SqliteJobStore.open(join(blocker, 'jobs.sqlite'))).toThrow(`cannot create the directory ${blocker} for the jobs database`);
    });
  });
});
