import { MemoryJobStore } from './memory-job-store';
import { describeJobStoreContract } from '../testing/job-store-contract';
import { job, jobAt, finish } from '../testing/job-records';

describeJobStoreContract('memory', async () => ({ store: new MemoryJobStore(100), close: async () => undefined }));

describe(MemoryJobStore.name, () => {
  describe('insert', () => {
    it('returns the very job object it stored earlier for an idempotency key its owner already used', async () => {
      const store = new MemoryJobStore(10);
      const first = await store.insert(job({ idempotencyKey: 'k', requestHash: 'h1' }));

      const second = await store.insert(job({ idempotencyKey: 'k', requestHash: 'h2' }));

      expect(second).toBe(first);
      expect((await store.list({ limit: 10 })).jobs).toHaveLength(1);
    });
  });

  describe('capacity', () => {
    it('drops the oldest finished job once more finished jobs than its capacity exist', async () => {
      const store = new MemoryJobStore(2);
      const [a, b, c] = [await store.insert(job()), await store.insert(job()), await store.insert(job())];

      for (const { id } of [a, b, c]) await finish(store, id);

      expect(await store.get(a.id)).toBeUndefined();
      expect(await store.get(b.id)).toBeDefined();
      expect(await store.get(c.id)).toBeDefined();
    });

    it('never drops pending or running jobs, however old', async () => {
      const store = new MemoryJobStore(1);
      const pending = await store.insert(job());
      const running = await store.insert(job());
      await store.transition(running.id, ['pending'], 'running');
      const finished = [await store.insert(job()), await store.insert(job()), await store.insert(job())];

      for (const { id } of finished) await finish(store, id);

      expect((await store.get(pending.id))?.status).toBe('pending');
      expect((await store.get(running.id))?.status).toBe('running');
      expect(await store.get(finished[2].id)).toBeDefined();
      expect(await store.get(finished[0].id)).toBeUndefined();
      expect(await store.get(finished[1].id)).toBeUndefined();
    });

    it('keeps every job while the finished ones fit', async () => {
      const store = new MemoryJobStore(3);
      const jobs = [await store.insert(job()), await store.insert(job()), await store.insert(job())];

      for (const { id } of jobs) await finish(store, id);

      expect((await store.list({ limit: 10 })).jobs).toHaveLength(3);
    });

    it('frees the idempotency key of a dropped job', async () => {
      const store = new MemoryJobStore(1);
      const keyed = await store.insert(job({ idempotencyKey: 'k' }));
      await finish(store, keyed.id);
      const other = await store.insert(job());
      await finish(store, other.id);

      const again = await store.insert(job({ idempotencyKey: 'k' }));

      expect(again.id).not.toBe(keyed.id);
    });

    it('continues a listing after a cursor whose job was dropped, without skipping older jobs of the same millisecond', async () => {
      const store = new MemoryJobStore(2);
      const older = [await store.insert(jobAt(1_000)), await store.insert(jobAt(1_000))];
      const a = await store.insert(jobAt(1_000));
      const b = await store.insert(jobAt(1_000));
      await finish(store, a.id);
      await finish(store, b.id);
      const first = await store.list({ limit: 2 });
      const c = await store.insert(jobAt(1_000));
      await finish(store, c.id);

      const second = await store.list({ limit: 2, cursor: first.nextCursor ?? undefined });

      expect(first.jobs.map((listed) => listed.id)).toEqual([b.id, a.id]);
      expect(await store.get(a.id)).toBeUndefined();
      expect(second.jobs.map((listed) => listed.id)).toEqual([older[1].id, older[0].id]);
    });
  });
});
