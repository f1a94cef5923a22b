import type { PrunableJobStore } from '../store/job-retention';
import { finish, job, jobAt } from './job-records';

/**
 * Declares, as one jest `describe`, what `prune` promises in every durable store. Each test gets a
 * fresh, empty store from `open` and closes it afterwards.
 */
export function describeJobRetentionContract(name: string, open: () => Promise<PrunableJobStore>): void {
  describe(`JobStore retention contract: ${name}`, () => {
    let store: PrunableJobStore;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
    });

    /** A job that finished at a given instant (its completion time is what retention measures). */
    async function finishedAt(completedAtMs: number): Promise<string> {
      const { id } = await store.insert(job());
      await store.transition(id, ['pending'], 'running');
      await store.transition(id, ['running'], 'success', { completedAt: new Date(completedAtMs) });
      return id;
    }

    it('deletes finished jobs older than maxAgeMs and keeps younger ones', async () => {
      const old = await finishedAt(Date.now() - 60_000);
      const young = await finishedAt(Date.now());

      await expect(store.prune({ maxAgeMs: 30_000 })).resolves.toBe(1);

      expect(await store.get(old)).toBeUndefined();
      expect(await store.get(young)).toBeDefined();
    });

    it('keeps the newest maxJobs finished jobs, deleting those that finished first', async () => {
      const first = await finishedAt(1_000);
      const third = await finishedAt(3_000);
      const second = await finishedAt(2_000);

      await expect(store.prune({ maxJobs: 1 })).resolves.toBe(2);

      expect(await store.get(first)).toBeUndefined();
      expect(await store.get(second)).toBeUndefined();
      expect(await store.get(third)).toBeDefined();
    });

    it('never deletes pending or running jobs, however old', async () => {
      const pending = await store.insert(jobAt(1));
      const running = await store.insert(jobAt(1));
      await store.transition(running.id, ['pending'], 'running', { startedAt: new Date(1) });
      await finishedAt(1);

      await expect(store.prune({ maxAgeMs: 0, maxJobs: 0 })).resolves.toBe(1);

      expect((await store.findByStatus(['pending', 'running'])).map((found) => found.id)).toEqual([pending.id, running.id]);
    });

    it('counts a job inserted as finished, measured from its completion', async () => {
      const done = await store.insert({ ...job(), status: 'failed', completedAt: new Date(1_000) });
      await finishedAt(Date.now());

      await expect(store.prune({ maxAgeMs: 60_000 })).resolves.toBe(1);
      expect(await store.get(done.id)).toBeUndefined();
    });

    it('deletes nothing without a limit, or when everything fits', async () => {
      await finishedAt(1_000);

      await expect(store.prune({})).resolves.toBe(0);
      await expect(store.prune({ maxJobs: 5 })).resolves.toBe(0);
    });

    it('removes a deleted job from every listing and status lookup', async () => {
      const kept = await store.insert(job({ owner: 'key_a' }));
      const deleted = await store.insert(job({ owner: 'key_a' }));
      await finish(store, deleted.id);

      await store.prune({ maxJobs: 0 });

      expect((await store.list({ limit: 10 })).jobs.map((listed) => listed.id)).toEqual([kept.id]);
      expect((await store.list({ owner: 'key_a', plugin: 'echo', limit: 10 })).jobs.map((listed) => listed.id)).toEqual([kept.id]);
      expect((await store.list({ status: 'success', limit: 10 })).jobs).toEqual([]);
      expect(await store.findByStatus(['success'])).toEqual([]);
    });

    it('frees the idempotency key of a deleted job', async () => {
      const keyed = await store.insert(job({ idempotencyKey: 'k' }));
      await finish(store, keyed.id);
      await store.prune({ maxJobs: 0 });

      const again = await store.insert(job({ idempotencyKey: 'k' }));

      expect(await store.findByIdempotencyKey(keyed.owner, 'k')).toEqual(again);
      expect(again.id).not.toBe(keyed.id);
    });

    it('continues a listing after a cursor whose job was pruned, without skipping older jobs of the same millisecond', async () => {
      const older = [await store.insert(jobAt(1_000)), await store.insert(jobAt(1_000))];
      const a = await store.insert(jobAt(1_000));
      const b = await store.insert(jobAt(1_000));
      const first = await store.list({ limit: 2 });
      await finish(store, a.id);
      await finish(store, b.id);
      await store.prune({ maxJobs: 0 });

      const second = await store.list({ limit: 2, cursor: first.nextCursor ?? undefined });

      expect(first.jobs.map((listed) => listed.id)).toEqual([b.id, a.id]);
      expect(second.jobs.map((listed) => listed.id)).toEqual([older[1].id, older[0].id]);
    });

    it.each([[{ maxAgeMs: -1 }, /maxAgeMs/], [{ maxAgeMs: Number.NaN }, /maxAgeMs/], [{ maxJobs: 1.5 }, /maxJobs/], [{ maxJobs: -1 }, /maxJobs/]])(
      'refuses the retention %o, naming the field',
      async (retention, message) => {
        await expect(store.prune(retention)).rejects.toThrow(message);
      },
    );
  });
}
