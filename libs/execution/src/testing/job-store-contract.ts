import type { JobStore } from '../store/job-store';
import { describeAttempts } from './job-store-contract/attempts.contract';
import { describeConcurrentWrites } from './job-store-contract/concurrent-writes.contract';
import { describeInsertAndGet } from './job-store-contract/insert-and-get.contract';
import { describeListing } from './job-store-contract/listing.contract';
import { describeProgressAndStatus } from './job-store-contract/progress-and-status.contract';
import { describeTransition } from './job-store-contract/transition.contract';

/** A store opened for one contract test, and how to let it go. */
export interface OpenedJobStore {
  readonly store: JobStore;
  close(): Promise<void>;
}

/**
 * Declares, as one jest `describe`, every behaviour the {@link JobStore} interface promises, so that
 * each implementation passes the same cases. Each test gets a fresh, empty store from `open` and
 * closes it afterwards; `open` must isolate tests from each other (a new file, a new key prefix…).
 */
export function describeJobStoreContract(name: string, open: () => Promise<OpenedJobStore>): void {
  describe(`JobStore contract: ${name}`, () => {
    let opened: OpenedJobStore | undefined;

    beforeEach(async () => {
      opened = await open();
    });

    afterEach(async () => {
      await opened?.close();
      opened = undefined;
    });

    const store = (): JobStore => {
      if (opened === undefined) throw new Error('the contract store is used outside a test: call store() inside it(), not in describe()');
      return opened.store;
    };

    describeInsertAndGet(store);
    describeTransition(store);
    describeProgressAndStatus(store);
    describeListing(store);
    describeConcurrentWrites(store);
    describeAttempts(store);
  });
}
