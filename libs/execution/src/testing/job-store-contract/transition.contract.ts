import type { ErrorBody } from '@forgesyte/errors';
import { JOB_STATUSES } from '../../jobs/job-status';
import { finish, job } from '../job-records';
import type { StoreUnderTest } from './store-under-test';

const interrupted: ErrorBody = {
  code: 'JOB_INTERRUPTED',
  type: 'ExecutionError',
  message: 'the server stopped while the job ran; submit it again',
  details: {},
  plugin: 'echo',
  tool: 'echo',
  job_id: null,
  retryable: true,
};

/** The compare-and-set cases of the JobStore contract. */
export function describeTransition(store: StoreUnderTest): void {
  describe('transition', () => {
    it('moves a job whose status is in from, applying the update', async () => {
      const { id } = await store().insert(job());
      const startedAt = new Date();

      const running = await store().transition(id, ['pending'], 'running', { startedAt });

      expect(running).toMatchObject({ id, status: 'running', startedAt });
      expect(await store().get(id)).toEqual(running);
    });

    it('keeps the fields an update does not name', async () => {
      const startedAt = new Date(1_000);
      const { id } = await store().insert(job({ tool: 'echo' }));
      await store().transition(id, ['pending'], 'running', { startedAt });

      const failed = await store().transition(id, ['running'], 'failed', { error: interrupted, completedAt: new Date(2_000), durationMs: 1_000 });

      expect(failed).toMatchObject({ status: 'failed', tool: 'echo', startedAt, completedAt: new Date(2_000), durationMs: 1_000, error: interrupted });
      expect(await store().get(id)).toEqual(failed);
    });

    it('clears the arguments when the update sets them to undefined', async () => {
      const { id } = await store().insert(job({ args: { message: 'hi' } }));

      const running = await store().transition(id, ['pending'], 'running', { args: undefined });

      expect(running?.args).toBeUndefined();
      expect((await store().get(id))?.args).toBeUndefined();
    });

    it('returns undefined and changes nothing when the status is not in from', async () => {
      const inserted = await store().insert(job());

      const moved = await store().transition(inserted.id, ['running'], 'success', { result: 'x' });

      expect(moved).toBeUndefined();
      expect(await store().get(inserted.id)).toEqual(inserted);
    });

    it('lets only one of two racing transitions from the same status win', async () => {
      const { id } = await store().insert(job());
      await store().transition(id, ['pending'], 'running');

      const [completed, cancelled] = await Promise.all([store().transition(id, ['running'], 'success'), store().transition(id, ['running'], 'cancelled')]);

      expect([completed, cancelled].filter((result) => result !== undefined)).toHaveLength(1);
      expect((await store().get(id))?.status).toBe('success');
    });

    it('lets exactly one of twenty concurrent transitions of a job win', async () => {
      const { id } = await store().insert(job());
      const targets = ['running', 'cancelled', 'failed'] as const;

      const moved = await Promise.all(Array.from({ length: 20 }, (_, i) => store().transition(id, ['pending'], targets[i % 3], { durationMs: i })));

      const winners = moved.filter((result) => result !== undefined);
      expect(winners).toHaveLength(1);
      expect(await store().get(id)).toEqual(winners[0]);
    });

    it('refuses a move the job state machine does not allow, leaving the job as it was', async () => {
      const { id } = await store().insert(job());
      await finish(store(), id);
      const finished = await store().get(id);

      await expect(async () => store().transition(id, ['success'], 'running')).rejects.toThrow();
      expect(await store().get(id)).toEqual(finished);
    });

    it('refuses a move the state machine does not allow from the status the job is in', async () => {
      const { id } = await store().insert(job());

      await expect(async () => store().transition(id, ['pending', 'running'], 'success')).rejects.toThrow(/cannot move from pending to success/);
      expect((await store().get(id))?.status).toBe('pending');
    });

    it('moves the job when from also names statuses that could not go to the target', async () => {
      const { id } = await store().insert(job());
      await store().transition(id, ['pending'], 'running');

      await expect(store().transition(id, ['pending', 'running'], 'success')).resolves.toMatchObject({ status: 'success' });
    });

    it.each(JOB_STATUSES.map((status) => [status]))('returns undefined for an unknown job moving to %s', async (to) => {
      await expect(store().transition('missing', ['pending', 'running'], to)).resolves.toBeUndefined();
    });
  });
}
