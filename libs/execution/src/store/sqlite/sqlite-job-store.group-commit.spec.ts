import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import type { Job } from '../../jobs/job';
import { type FillableDisk, fillableDiskKinds, makeFillableDisk } from '../../testing/fillable-disk';
import { job } from '../../testing/job-records';
import { makeTempDir } from '../../testing/temp-dir';
import { SqliteJobStore } from './sqlite-job-store';
import type { SqliteJobStoreOptions } from './sqlite-job-store.options';

const dir = makeTempDir('sqlite-group-commit');
let files = 0;
const newFile = () => join(dir.path, `jobs-${(files += 1)}.sqlite`);

afterAll(() => dir.remove());

/** A second connection to the file, as another process would have: it sees only what was committed. */
function observer(file: string): Database.Database {
  return new Database(file, { timeout: 5_000 });
}

/** The frames (pages) the write-ahead log holds: each commit adds at least one. */
function walFrames(db: Database.Database): number {
  return (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0].log;
}

const STORE_UNAVAILABLE = { code: 'STORE_UNAVAILABLE', retryable: true, operation: 'write' };

describe(`${SqliteJobStore.name} group commit`, () => {
  let file: string;
  let store: SqliteJobStore;
  let other: Database.Database;

  const open = (options: SqliteJobStoreOptions = {}) => {
    file = newFile();
    store = SqliteJobStore.open(file, options);
    other = observer(file);
  };

  beforeEach(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));

  afterEach(async () => {
    other?.close();
    await store?.close();
    jest.restoreAllMocks();
  });

  it('commits the writes issued in one event-loop turn together, in one transaction', async () => {
    open();
    await store.insert(job());
    other.pragma('wal_checkpoint(TRUNCATE)');

    await Promise.all(Array.from({ length: 50 }, () => store.insert(job())));
    const together = walFrames(other);
    other.pragma('wal_checkpoint(TRUNCATE)');
    for (let i = 0; i < 50; i += 1) await store.insert(job());
    const oneByOne = walFrames(other);

    expect(together).toBeLessThan(25);
    expect(oneByOne).toBeGreaterThanOrEqual(50);
  });

  it('commits at most maxBatchWrites writes together', async () => {
    open({ maxBatchWrites: 1 });
    await store.insert(job());
    other.pragma('wal_checkpoint(TRUNCATE)');

    await Promise.all(Array.from({ length: 50 }, () => store.insert(job())));

    expect(walFrames(other)).toBeGreaterThanOrEqual(50);
  });

  it('settles each caller only once its write is committed: another connection already sees it', async () => {
    open();
    const seen = (id: string) => other.prepare('SELECT status FROM jobs WHERE id = ?').pluck().get(id);
    const inserted = await store.insert(job());

    const observed = await Promise.all([
      ...Array.from({ length: 20 }, () => store.insert(job()).then((stored) => seen(stored.id))),
      store.transition(inserted.id, ['pending'], 'running').then(() => seen(inserted.id)),
    ]);

    expect(observed).toEqual([...Array.from({ length: 20 }, () => 'pending'), 'running']);
  });

  it('fails every write of a batch it cannot begin (the file locked past the busy timeout) with STORE_UNAVAILABLE, and commits the next batch', async () => {
    open({ busyTimeoutMs: 50 });
    const kept = await store.insert(job());
    other.exec('BEGIN IMMEDIATE');

    const refused = await Promise.allSettled([store.insert(job()), store.transition(kept.id, ['pending'], 'running'), store.setProgress(kept.id, { fraction: 1, message: null })]);
    other.exec('ROLLBACK');
    const next = [job(), job()];
    const stored = await Promise.all([...next.map((each) => store.insert(each)), store.transition(kept.id, ['pending'], 'running')]);

    expect(refused).toEqual(Array.from({ length: 3 }, () => ({ status: 'rejected', reason: expect.objectContaining(STORE_UNAVAILABLE) })));
    expect(stored).toEqual([next[0], next[1], expect.objectContaining({ id: kept.id, status: 'running' })]);
    await expect(store.get(next[1].id)).resolves.toEqual(next[1]);
  });

  it('fails only the write that needs more space than the file may take; the writes beside it commit', async () => {
    open({ maxPageCount: 64 });
    const kept = await store.insert(job());
    let refused: unknown;
    for (let i = 0; i < 100 && refused === undefined; i += 1) {
      refused = await store.insert(job({ args: { padding: 'x'.repeat(8_000) } })).then(
        () => undefined,
        (error: unknown) => error,
      );
    }
    const big = job({ args: { padding: 'y'.repeat(8_000) } });

    const [started, tooBig] = await Promise.allSettled([store.transition(kept.id, ['pending'], 'running'), store.insert(big)]);

    expect(refused).toMatchObject(STORE_UNAVAILABLE);
    expect(started).toMatchObject({ status: 'fulfilled', value: { status: 'running' } });
    expect(tooBig).toMatchObject({ status: 'rejected', reason: STORE_UNAVAILABLE });
    expect(other.prepare('SELECT status FROM jobs WHERE id = ?').pluck().get(kept.id)).toBe('running');
    await expect(store.get(big.id)).resolves.toBeUndefined();
  });

  it('commits the writes still waiting when the store closes', async () => {
    open();
    const waiting = [job(), job()];

    const inserts = waiting.map((each) => store.insert(each));
    await store.close();

    await expect(Promise.all(inserts)).resolves.toEqual(waiting);
    expect(other.prepare('SELECT count(*) FROM jobs').pluck().get()).toBe(2);
  });
});

describe.each(fillableDiskKinds())(`${SqliteJobStore.name} group commit on a full disk (%s)`, (kind) => {
  let disk: FillableDisk;
  let store: SqliteJobStore;

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    disk = makeFillableDisk(kind);
    store = SqliteJobStore.open(disk.databaseFile, disk.storeOptions);
  });

  afterEach(async () => {
    await store.close();
    disk.remove();
    jest.restoreAllMocks();
  });

  it('tells no caller of a batch it could not commit that its write is stored, and commits the next batch once space returns', async () => {
    const running: Job[] = [];
    for (let i = 0; i < 5; i += 1) {
      const each = await store.insert(job());
      running.push((await store.transition(each.id, ['pending'], 'running')) as Job);
    }
    disk.fill();

    const batch = await Promise.allSettled([
      store.insert(job({ args: { padding: 'z'.repeat(20_000) } })),
      ...running.map((each) => store.transition(each.id, ['running'], 'success', { result: { padding: 'r'.repeat(5_000) }, completedAt: new Date() })),
    ]);
    const reread = await Promise.all(running.map((each) => store.get(each.id)));
    disk.free();
    const after = await Promise.all([store.insert(job()), ...running.map((each) => store.transition(each.id, ['running'], 'success'))]);

    expect(batch[0]).toMatchObject({ status: 'rejected', reason: STORE_UNAVAILABLE });
    batch.slice(1).forEach((outcome, index) => {
      // A write told it failed left nothing; one told it succeeded is stored.
      if (outcome.status === 'rejected') expect({ reason: outcome.reason as unknown, status: reread[index]?.status }).toEqual({ reason: expect.objectContaining(STORE_UNAVAILABLE), status: 'running' });
      else expect(reread[index]).toEqual(outcome.value);
    });
    expect(after.slice(1).filter((moved) => moved !== undefined).length + batch.slice(1).filter((outcome) => outcome.status === 'fulfilled').length).toBe(running.length);
    await expect(store.get(after[0]?.id ?? '')).resolves.toEqual(after[0]);
  });
});
