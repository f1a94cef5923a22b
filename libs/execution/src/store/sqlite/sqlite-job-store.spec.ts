import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { SqliteJobStore } from './sqlite-job-store';
import { describeJobStoreContract } from '../../testing/job-store-contract';
import { describeJobRetentionContract } from '../../testing/job-retention-contract';
import { finish, job } from '../../testing/job-records';
import { makeTempDir } from '../../testing/temp-dir';

const dir = makeTempDir('sqlite-store');
let files = 0;
const newFile = () => join(dir.path, `jobs-${(files += 1)}.sqlite`);

afterAll(() => dir.remove());

describeJobStoreContract('sqlite', async () => {
  const store = SqliteJobStore.open(newFile());
  return { store, close: () => store.close() };
});

describeJobRetentionContract('sqlite', async () => SqliteJobStore.open(newFile()));

describe(SqliteJobStore.name, () => {
  let file: string;
  let store: SqliteJobStore;

  beforeEach(() => {
    file = newFile();
    store = SqliteJobStore.open(file);
  });

  afterEach(async () => {
    await store.close();
  });

  describe('open', () => {
    it('creates the file and its missing directories', async () => {
      const nested = join(dir.path, 'a', 'b', 'jobs.sqlite');

      const created = SqliteJobStore.open(nested);
      await created.close();

      expect(existsSync(nested)).toBe(true);
    });

    it('keeps every job across a close and a reopen', async () => {
      const kept = await store.insert(job({ args: { message: 'kept' }, idempotencyKey: 'k' }));
      await store.transition(kept.id, ['pending'], 'running', { startedAt: new Date(5) });
      const finished = await store.insert(job());
      await finish(store, finished.id);
      const before = await store.list({ limit: 10 });
      await store.close();

      store = SqliteJobStore.open(file);

      await expect(store.list({ limit: 10 })).resolves.toEqual(before);
      await expect(store.findByIdempotencyKey(kept.owner, 'k')).resolves.toEqual(before.jobs[1]);
    });

    it('keeps an old cursor valid across a reopen, even after the newest job was pruned', async () => {
      const older = [await store.insert(job()), await store.insert(job())];
      const newest = await store.insert(job());
      const first = await store.list({ limit: 1 });
      await finish(store, newest.id);
      await store.prune({ maxJobs: 0 });
      await store.close();
      store = SqliteJobStore.open(file);
      const later = await store.insert(job());

      const second = await store.list({ limit: 5, cursor: first.nextCursor ?? undefined });

      expect(second.jobs.map((listed) => listed.id)).toEqual([older[1].id, older[0].id]);
      expect((await store.list({ limit: 5 })).jobs.map((listed) => listed.id)).toEqual([later.id, older[1].id, older[0].id]);
    });

    it.each([
      [{ busyTimeoutMs: -1 }, /busyTimeoutMs must be an integer/],
      [{ busyTimeoutMs: 1.5 }, /busyTimeoutMs must be an integer/],
      [{ synchronous: 'off' as 'full' }, /synchronous must be 'normal' or 'full'/],
    ])('refuses the option %o, naming it', (options, message) => {
      expect(() => SqliteJobStore.open(newFile(), options)).toThrow(message);
    });

    it('lets a closed store be closed again', async () => {
      await store.close();

      await expect(store.close()).resolves.toBeUndefined();
    });
  });
});
