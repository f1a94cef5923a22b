import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { SqliteJobStore } from './sqlite-job-store';
import { sqliteStoreError } from './sqlite-store-error';
import { job } from '../../testing/job-records';
import { makeTempDir } from '../../testing/temp-dir';

const dir = makeTempDir('sqlite-failure');
let files = 0;
const newFile = () => join(dir.path, `jobs-${(files += 1)}.sqlite`);

afterAll(() => dir.remove());

/** An array nested `depth` levels deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

/** Overwrites `pages` pages of 4 KiB with garbage, starting at page `first` (1-based), leaving the rest. */
function corruptPages(file: string, first: number, pages: number): void {
  const bytes = readFileSync(file);
  bytes.fill(0xa5, (first - 1) * 4096, (first - 1 + pages) * 4096);
  writeFileSync(file, bytes);
}

/**
 * The page numbers of the `jobs` table's leaf pages in `file` (from SQLite's `dbstat`): damage there is
 * met by any scan of the jobs, wherever the other tables' pages lie.
 */
function jobsLeafPages(file: string): number[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare<[], { pageno: number }>("SELECT pageno FROM dbstat WHERE name = 'jobs' AND pagetype = 'leaf' ORDER BY pageno")
      .all()
      .map((row) => row.pageno);
  } finally {
    db.close();
  }
}

/** A closed database holding `count` jobs with some padding each, checkpointed into its main file. */
async function seeded(count: number): Promise<string> {
  const file = newFile();
  const store = SqliteJobStore.open(file);
  for (let i = 0; i < count; i += 1) await store.insert(job({ args: { padding: 'x'.repeat(500) } }));
  await store.close();
  return file;
}

describe(`${SqliteJobStore.name} failures`, () => {
  let logged: string[];

  beforeEach(() => {
    logged = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((...args: unknown[]) => void logged.push(String(args[0])));
  });

  afterEach(() => jest.restoreAllMocks());

  describe('a file damaged in the middle', () => {
    it('is refused at open by its quick check, naming the file and what to do, and left byte for byte as it was', async () => {
      const file = await seeded(200);
      corruptPages(file, 10, 3);
      const damaged = readFileSync(file);

      expect(() => SqliteJobStore.open(file)).toThrow(`jobs database ${file} is not a readable SQLite database (quick_check: `);
      expect(() => SqliteJobStore.open(file)).toThrow(/move it aside or restore a backup/);
      expect(readFileSync(file).equals(damaged)).toBe(true);
    });

    it('found at run time, is logged with the message that refuses it at start and answered STORE_UNAVAILABLE', async () => {
      const file = await seeded(200);
      const leaves = jobsLeafPages(file);
      corruptPages(file, leaves[Math.floor(leaves.length / 2)], 1);
      const db = new Database(file);
      let raw: unknown;
      try {
        db.prepare('SELECT count(*) FROM jobs WHERE args IS NOT NULL').get();
      } catch (error) {
        raw = error;
      } finally {
        db.close();
      }

      const error = sqliteStoreError(file, 'read', 'job-1', raw, new Logger('JobStore'));

      expect(raw).toMatchObject({ code: expect.stringMatching(/^SQLITE_CORRUPT/) });
      expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true });
      expect((error as Error).message).not.toContain(file);
      expect(logged).toEqual([expect.stringMatching(new RegExp(`^read of job job-1 failed: jobs database ${file} is not a readable SQLite database \\(SQLITE_CORRUPT`))]);
    });
  });

  describe('a full database', () => {
    it('refuses writes that need new space with STORE_UNAVAILABLE, logged with the job id, and keeps answering reads', async () => {
      const store = SqliteJobStore.open(newFile(), { maxPageCount: 64 });
      const kept = await store.insert(job());
      let refused: unknown;
      let refusedJob = '';
      for (let i = 0; i < 100 && refused === undefined; i += 1) {
        const next = job({ args: { padding: 'x'.repeat(8_000) } });
        refusedJob = next.id;
        refused = await store.insert(next).catch((error: unknown) => error);
        if (!(refused instanceof Error)) refused = undefined;
      }

      expect(refused).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true, message: expect.stringMatching(/^The job store could not be written/) });
      expect(logged).toContainEqual(expect.stringMatching(new RegExp(`^write of job ${refusedJob} failed in jobs database .*SQLITE_FULL.*free disk space`)));
      await expect(store.get(refusedJob)).resolves.toBeUndefined();
      await expect(store.get(kept.id)).resolves.toEqual(kept);
      await store.close();
    });
  });

  describe('a value too deep to serialize', () => {
    it('is refused with a non-retryable REQUEST_INVALID naming the field, nothing stored, and the store goes on', async () => {
      const store = SqliteJobStore.open(newFile());
      const deep = job({ args: nested(1_000_000) });

      await expect(store.insert(deep)).rejects.toMatchObject({ code: 'REQUEST_INVALID', retryable: false, details: { field: 'args' } });
      await expect(store.get(deep.id)).resolves.toBeUndefined();
      const next = await store.insert(job());
      await expect(store.get(next.id)).resolves.toEqual(next);
      await store.close();
    });
  });

  describe('permissions', () => {
    it('creates the data directory 0700 and the database and its -wal and -shm files 0600', async () => {
      const file = join(dir.path, 'private', 'jobs.sqlite');
      const store = SqliteJobStore.open(file);
      await store.insert(job());

      expect(statSync(join(dir.path, 'private')).mode & 0o777).toBe(0o700);
      for (const suffix of ['', '-wal', '-shm']) expect({ suffix, mode: statSync(`${file}${suffix}`).mode & 0o777 }).toEqual({ suffix, mode: 0o600 });
      await store.close();
    });

    it('makes a database an older version left readable by others 0600', async () => {
      const file = await seeded(1);
      chmodSync(file, 0o644);

      const store = SqliteJobStore.open(file);

      expect(statSync(file).mode & 0o777).toBe(0o600);
      await store.close();
    });
  });
});
