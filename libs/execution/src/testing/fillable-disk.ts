import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SqliteJobStoreOptions } from '../store/sqlite/sqlite-job-store.options';

/** Pages the jobs database may hold on a {@link FillableDisk} of kind `page-limit` (4 KiB each: 2 MiB). */
const PAGE_LIMIT = 512;
const TMPFS_SIZE = '2m';

/**
 * A data directory whose disk a test can fill and free again, making SQLite's writes fail with
 * `SQLITE_FULL` for real. A 2 MiB tmpfs where this process may mount one (root); else SQLite's own
 * limit, `max_page_count`, on the real file (the store must be opened with {@link storeOptions}),
 * filled by another connection with a table of padding and freed by dropping it. Either way, a write
 * that needs new space fails, and one that fits in space already allocated succeeds, as on a full disk.
 * (CI runners are not root: there the page limit alone runs.)
 */
export interface FillableDisk {
  readonly kind: 'tmpfs' | 'page-limit';
  /** The data directory (`FORGESYTE_DATA_DIR`); the jobs database is `jobs.sqlite` in it. */
  readonly dataDir: string;
  readonly databaseFile: string;
  /** Options the SQLite job store must be opened with on this disk. */
  readonly storeOptions: SqliteJobStoreOptions;
  /** Takes every free byte (call once the database exists). */
  fill(): void;
  /** Gives the space back. */
  free(): void;
  /** Frees, unmounts and deletes the directory. */
  remove(): void;
}

/** The kinds of {@link FillableDisk} this machine can make: `page-limit` always, `tmpfs` where this process may mount one. */
export function fillableDiskKinds(): FillableDisk['kind'][] {
  const probe = mkdtempSync(join(tmpdir(), 'forgesyte-mount-probe-'));
  try {
    mountTmpfs(probe);
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return ['tmpfs', 'page-limit'];
  } catch {
    return ['page-limit'];
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/** A new {@link FillableDisk} of the kind `disk` names (see {@link fillableDiskKinds}). */
export function makeFillableDisk(disk: FillableDisk['kind']): FillableDisk {
  const dataDir = mkdtempSync(join(tmpdir(), 'forgesyte-full-disk-'));
  if (disk === 'page-limit') return pageLimitDisk(dataDir);
  mountTmpfs(dataDir);
  return tmpfsDisk(dataDir);
}

function mountTmpfs(directory: string): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE},mode=0700`, 'tmpfs', directory], { stdio: 'ignore' });
}

function tmpfsDisk(dataDir: string): FillableDisk {
  const filler = join(dataDir, 'filler');
  return {
    kind: 'tmpfs',
    dataDir,
    databaseFile: join(dataDir, 'jobs.sqlite'),
    storeOptions: {},
    fill: () => {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(4096, 0x61);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        closeSync(fd);
      }
    },
    free: () => rmSync(filler, { force: true }),
    remove: () => {
      execFileSync('umount', ['-l', dataDir], { stdio: 'ignore' });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function pageLimitDisk(dataDir: string): FillableDisk {
  const databaseFile = join(dataDir, 'jobs.sqlite');
  const padding = (use: (db: Database.Database) => void) => {
    const db = new Database(databaseFile, { timeout: 5_000 });
    try {
      use(db);
    } finally {
      db.close();
    }
  };
  return {
    kind: 'page-limit',
    dataDir,
    databaseFile,
    storeOptions: { maxPageCount: PAGE_LIMIT },
    fill: () =>
      padding((db) => {
        db.exec('CREATE TABLE IF NOT EXISTS padding (bytes BLOB)');
        const insert = db.prepare('INSERT INTO padding VALUES (randomblob(3000))');
        while (Number(db.pragma('page_count', { simple: true })) < PAGE_LIMIT) insert.run();
        // Pages left free inside the file would still take writes: use them up too.
        while (Number(db.pragma('freelist_count', { simple: true })) > 0) insert.run();
      }),
    free: () => padding((db) => db.exec('DROP TABLE IF EXISTS padding')),
    remove: () => {
      for (const suffix of ['', '-wal', '-shm']) {
        try {
          unlinkSync(`${databaseFile}${suffix}`);
        } catch {
          // never created
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
