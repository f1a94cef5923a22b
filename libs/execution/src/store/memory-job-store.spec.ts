import { MemoryJobStore } from './memory-job-store';
import { job, finish } from '../testing/job-records';

describe(MemoryJobStore.name, () => {
  describe('insert and get', () => {
    it('returns a stored job by its id', async () => {
      const store = new MemoryJobStore(10);
      const stored = await store.insert(job());

      await expect(store.get(stored.id)).resolves.toEqual(stored);
    });

    it('returns undefined for an unknown id', async () => {
      const store = new MemoryJobStore(10);

      await expect(store.get('missing')).resolves.toBeUndefined();
    });

    it('returns the existing job for an idempotency key its owner already used', async () => {
      const store = new MemoryJobStore(10);
      const first = await store.insert(job({ idempotencyKey: 'k', requestHash: 'h1' }));

      const second = await store.insert(job({ idempotencyKey: 'k', requestHash: 'h2' }));

      expect(second).toBe(first);
      expect((await store.list({ limit: 10 })).jobs).toHaveLength(1);
    });

    it('stores a new job for the same idempotency key of another owner', async () => {
      const store = new MemoryJobStore(10);
      const first = await store.insert(job({ owner: 'key_a', idempotencyKey: 'k' }));

      const second = await store.insert(job({ owner: 'key_b', idempotencyKey: 'k' }));

      expect(second.id).not.toBe(first.id);
    });
  });


  describe('transition', () => {
    it('moves a job whose status is in from, applying the update', async () => {
      const store = new MemoryJobStore(10);
      const { id } = await store.insert(job());
      const startedAt = new Date();

      const running = await store.transition(id, ['pending'], 'running', { startedAt });

      expect(running).toMatchObject({ id, status: 'running', startedAt });
      expect(await store.get(id)).toEqual(running);
    });

    it('returns undefined and changes nothing when the status is not in from', async () => {
      const store = new MemoryJobStore(10);
      const inserted = await store.insert(job());

      const moved = await store.transition(inserted.id, ['running'], 'success', { result: 'x' });

      expect(moved).toBeUndefined();
      expect(await store.get(inserted.id)).toEqual(inserted);
    });

    it('lets only one of two racing transitions from the same status win', async () => {
      const store = new MemoryJobStore(10);
      const { id } = await store.insert(job());
      await store.transition(id, ['pending'], 'running');

      const [completed, cancelled] = await Promise.all([
        store.transition(id, ['running'], 'success'),
        store.transition(id, ['running'], 'cancelled'),
      ]);

      expect([completed, cancelled].filter((result) => result !== undefined)).toHaveLength(1);
      expect((await store.get(id))?.status).toBe('success');
    });

    it('refuses a move the job state machine does not allow, leaving the job as it was', async () => {
      const store = new MemoryJobStore(10);
      const { id } = await store.insert(job());
      await finish(store, id);
      const finished = await store.get(id);

      await expect(async () => store.transition(id, ['success'], 'running')).rejects.toThrow();
      expect(await store.get(id)).toEqual(finished);
    });

    it('returns undefined for an unknown job', async () => {
      const store = new MemoryJobStore(10);

      await expect(store.transition('missing', ['pending'], 'running')).resolves.toBeUndefined();
    });
  });


  describe('setProgress', () => {
    it('records progress on a running job', async () => {
      const store = new MemoryJobStore(10);
      const { id } = await store.insert(job());
      await store.transition(id, ['pending'], 'running');

      await store.setProgress(id, { fraction: 0.5, message: 'half' });

      expect((await store.get(id))?.progress).toEqual({ fraction: 0.5, message: 'half' });
    });

    it('ignores progress for a job that is not running', async () => {
      const store = new MemoryJobStore(10);
      const { id } = await store.insert(job());
      await finish(store, id);

      await store.setProgress(id, { fraction: 0.5, message: 'late' });

      expect((await store.get(id))?.progress).toBeNull();
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
  });


  describe('findByStatus', () => {
    it('returns the jobs in the given statuses, oldest first', async () => {
      const store = new MemoryJobStore(10);
      const pending = await store.insert(job());
      const running = await store.insert(job());
      await store.transition(running.id, ['pending'], 'running');
      const finished = await store.insert(job());
      await finish(store, finished.id);

      const found = await store.findByStatus(['pending', 'running']);

      expect(found.map((listed) => listed.id)).toEqual([pending.id, running.id]);
    });
  });
});
