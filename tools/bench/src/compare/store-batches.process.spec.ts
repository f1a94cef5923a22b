import { StoreBatchesProcess } from './store-batches.process';

describe(StoreBatchesProcess.name, () => {
  it('runs batches of async no-op jobs in a child process of its own and answers their jobs per second', async () => {
    const child = await StoreBatchesProcess.start({ kind: 'memory' }, 2);
    try {
      // Every job of a batch must succeed (runAsyncBatch checks) for a rate to come back.
      const rates = [await child.runBatch(50), await child.runBatch(50)];
      for (const rate of rates) expect(rate).toBeGreaterThan(0);
    } finally {
      await child.stop();
    }
  }, 120_000);

  it('rejects a start that fails (no Redis where it is told to look), saying the child exited and how', async () => {
    await expect(StoreBatchesProcess.start({ kind: 'redis', url: 'redis://127.0.0.1:1', workers: 1 }, 2)).rejects.toThrow(/^the child exited \(code 1\)/);
  }, 120_000);
});
