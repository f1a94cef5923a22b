import { finish, job } from '../job-records';
import type { StoreUnderTest } from './store-under-test';

/** The setProgress and findByStatus cases of the JobStore contract. */
export function describeProgressAndStatus(store: StoreUnderTest): void {
  describe('setProgress', () => {
    it('records progress on a running job', async () => {
      const { id } = await store().insert(job());
      await store().transition(id, ['pending'], 'running');

      await store().setProgress(id, { fraction: 0.5, message: 'half' });

      expect((await store().get(id))?.progress).toEqual({ fraction: 0.5, message: 'half' });
    });

    it('keeps only the latest progress', async () => {
      const { id } = await store().insert(job());
      await store().transition(id, ['pending'], 'running');

      await store().setProgress(id, { fraction: 0.1, message: null });
      await store().setProgress(id, { fraction: 0.9, message: null });

      expect((await store().get(id))?.progress).toEqual({ fraction: 0.9, message: null });
    });

    it('ignores progress for a job that is not running', async () => {
      const { id } = await store().insert(job());
      await finish(store(), id);

      await store().setProgress(id, { fraction: 0.5, message: 'late' });

      expect((await store().get(id))?.progress).toBeNull();
    });

    it('ignores progress for a job that has not started', async () => {
      const { id } = await store().insert(job());

      await store().setProgress(id, { fraction: 0.5, message: 'early' });

      expect((await store().get(id))?.progress).toBeNull();
    });

    it('ignores progress for an unknown job', async () => {
      await expect(store().setProgress('missing', { fraction: 1, message: null })).resolves.toBeUndefined();
      await expect(store().get('missing')).resolves.toBeUndefined();
    });
  });

  describe('findByStatus', () => {
    it('returns the jobs in the given statuses, oldest first', async () => {
      const pending = await store().insert(job());
      const running = await store().insert(job());
      await store().transition(running.id, ['pending'], 'running');
      const finished = await store().insert(job());
      await finish(store(), finished.id);

      const found = await store().findByStatus(['pending', 'running']);

      expect(found.map((listed) => listed.id)).toEqual([pending.id, running.id]);
    });

    it('orders by submission, not by when a job changed status', async () => {
      const older = await store().insert(job());
      const newer = await store().insert(job());
      await store().transition(newer.id, ['pending'], 'running');
      await store().transition(older.id, ['pending'], 'running');

      const found = await store().findByStatus(['running']);

      expect(found.map((listed) => listed.id)).toEqual([older.id, newer.id]);
    });

    it('returns whole jobs', async () => {
      const stored = await store().insert(job({ args: { message: 'kept' } }));

      await expect(store().findByStatus(['pending'])).resolves.toEqual([stored]);
    });

    it('returns nothing when no job is in the given statuses', async () => {
      await store().insert(job());

      await expect(store().findByStatus(['running', 'cancelled'])).resolves.toEqual([]);
    });
  });
}
