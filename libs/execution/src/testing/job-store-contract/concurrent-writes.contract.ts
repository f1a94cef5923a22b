import { finish, job } from '../job-records';
import type { StoreUnderTest } from './store-under-test';

/**
 * The cases of writes issued together, without waiting for each other (what concurrent requests do):
 * each applies as if alone, in the order issued, and one that fails fails alone. A store that commits
 * such writes together (SQLite's group commit) must keep exactly this.
 */
export function describeConcurrentWrites(store: StoreUnderTest): void {
  describe('writes issued together', () => {
    it('apply in the order issued: a job inserted, started and given progress at once is running with that progress', async () => {
      const candidate = job();

      const [inserted, running] = await Promise.all([
        store().insert(candidate),
        store().transition(candidate.id, ['pending'], 'running', { startedAt: new Date(7) }),
        store().setProgress(candidate.id, { fraction: 0.5, message: 'half' }),
      ]);

      expect(inserted).toEqual(candidate);
      expect(running).toMatchObject({ id: candidate.id, status: 'running', startedAt: new Date(7) });
      expect(await store().get(candidate.id)).toMatchObject({ status: 'running', progress: { fraction: 0.5, message: 'half' } });
    });

    it('fail alone: a move the state machine forbids is refused to its caller, and the writes beside it are stored', async () => {
      const finished = await store().insert(job());
      await finish(store(), finished.id);
      const other = await store().insert(job());
      const fresh = job();

      const [refused, inserted, started] = await Promise.allSettled([
        store().transition(finished.id, ['success'], 'running'),
        store().insert(fresh),
        store().transition(other.id, ['pending'], 'running'),
      ]);

      expect(refused).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ message: expect.stringMatching(/cannot move from success to running/) }) });
      expect(inserted).toEqual({ status: 'fulfilled', value: fresh });
      expect(started).toMatchObject({ status: 'fulfilled', value: { id: other.id, status: 'running' } });
      expect(await store().get(fresh.id)).toEqual(fresh);
      expect((await store().get(other.id))?.status).toBe('running');
      expect((await store().get(finished.id))?.status).toBe('success');
    });

    it('see each other: of many jobs inserted with one idempotency key and started at once, one is stored and started once', async () => {
      const candidates = Array.from({ length: 10 }, () => job({ idempotencyKey: 'same-turn' }));

      const writes = await Promise.all(candidates.flatMap((candidate) => [store().insert(candidate), store().transition(candidate.id, ['pending'], 'running')]));

      const inserted = writes.filter((_, index) => index % 2 === 0);
      const started = writes.filter((_, index) => index % 2 === 1 && writes[index] !== undefined);
      expect(new Set(inserted.map((each) => each?.id))).toEqual(new Set([candidates[0].id]));
      expect(started).toHaveLength(1);
      expect(await store().get(candidates[0].id)).toMatchObject({ status: 'running' });
      for (const candidate of candidates.slice(1)) expect(await store().get(candidate.id)).toBeUndefined();
    });
  });
}
