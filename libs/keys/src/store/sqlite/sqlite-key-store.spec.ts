import { statSync } from 'node:fs';
import { join } from 'node:path';
import { StoreUnavailableError } from '@forgesyte/errors';
import { SqliteJobStore } from '@forgesyte/execution';
import { makeTempDir } from '@forgesyte/execution/testing';
import { describeKeyStoreContract } from '../../testing/key-store-contract';
import { auditOf, keyWrite } from '../../testing/key-writes';
import { SqliteKeyStore } from './sqlite-key-store';

const dir = makeTempDir('sqlite-keys');
let files = 0;
const nextFile = () => join(dir.path, `jobs-${(files += 1)}.sqlite`);

afterAll(() => dir.remove());

describeKeyStoreContract(SqliteKeyStore.name, async () => {
  const store = SqliteKeyStore.open(nextFile());
  return { store, close: () => store.close() };
});

describe(SqliteKeyStore.name, () => {
  it('shares the jobs database file with the job store, each with its own connection', async () => {
    const file = nextFile();
    const jobs = SqliteJobStore.open(file);
    const keys = SqliteKeyStore.open(file);
    const key = keyWrite();

    await keys.save(key, null, auditOf(key.record.id));
    const again = SqliteKeyStore.open(file);

    expect((await again.get(key.record.id))?.record).toEqual(key.record);
    await Promise.all([jobs.close(), keys.close(), again.close()]);
  });

  it('fails a write to a full disk as STORE_UNAVAILABLE, writing nothing', async () => {
    const file = nextFile();
    const probe = SqliteKeyStore.open(file);
    await probe.close();
    // The file as it is now, and not one page more: SQLite fails the next page with SQLITE_FULL, as a full disk does.
    const store = SqliteKeyStore.open(file, { maxPageCount: Math.ceil(statSync(file).size / 4096) + 1 });
    const big = keyWrite({ plugins: Array.from({ length: 1000 }, (_, index) => `plugin-number-${index}-with-a-long-name`) });

    await expect(store.save(big, null, auditOf(big.record.id))).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.get(big.record.id)).toBeUndefined();
    expect(await store.audit(10)).toEqual([]);
    await store.close();
  });
});
