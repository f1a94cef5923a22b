import { KeyView } from './key-view';
import type { KeyChanges } from './store/key-store';
import { MemoryKeyStore } from './store/memory-key-store';

const TIMINGS = { pollIntervalMs: 60_000, flushIntervalMs: 60_000, refusedAuditIntervalMs: 60_000 };

/** A memory store whose next read of changes waits until the test fails it (a store that went down meanwhile). */
class FailingChangesStore extends MemoryKeyStore {
  private failRead: ((error: Error) => void) | undefined;

  override changesSince(): Promise<KeyChanges> {
    return new Promise((_, reject) => (this.failRead = reject));
  }

  failPendingRead(): void {
    this.failRead?.(new Error('STORE_UNAVAILABLE: the store did not answer'));
  }
}

describe(KeyView.name, () => {
  it('never rejects a refresh asked for while another is under way, when the read fails (the change signal does not await it)', async () => {
    const store = new FailingChangesStore();
    const view = new KeyView(store, TIMINGS);
    await view.start();
    try {
      const first = view.refresh();
      const second = view.refresh();
      store.failPendingRead();

      await expect(first).resolves.toBeUndefined();
      await expect(second).resolves.toBeUndefined();
    } finally {
      await view.stop();
    }
  });
});
