import { readdirSync, readFileSync } from 'node:fs';
import { startRedisServer } from '../../../../libs/execution/src/testing/redis-server';
import { StoreBatchesProcess } from './store-batches.process';

/** The processes whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

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

  it('stops its apps/worker processes when it is stopped (they have process groups of their own)', async () => {
    const redis = await startRedisServer();
    try {
      const child = await StoreBatchesProcess.start({ kind: 'redis', url: redis.url, workers: 2 }, 2);
      const workers = childrenOf(child.pid as number);
      expect(workers).toHaveLength(2);
      expect(await child.runBatch(20)).toBeGreaterThan(0);

      await child.stop();

      expect(workers.filter(alive)).toEqual([]);
    } finally {
      await redis.stop();
    }
  }, 120_000);
});
