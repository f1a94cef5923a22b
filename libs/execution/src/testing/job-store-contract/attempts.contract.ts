import type { ErrorBody } from '@forgesyte/errors';
import { job } from '../job-records';
import type { StoreUnderTest } from './store-under-test';

const timeout: ErrorBody = {
  code: 'PLUGIN_TIMEOUT',
  type: 'ExecutionError',
  message: 'The tool did not finish within its 300 ms deadline.',
  details: { timeout_ms: 300 },
  plugin: 'echo',
  tool: 'echo',
  job_id: null,
  retryable: true,
};

/** The attempts of a job (retries with backoff) in the JobStore contract. */
export function describeAttempts(store: StoreUnderTest): void {
  describe('attempts', () => {
    it('keeps a new job on its first attempt of the attempts it may make', async () => {
      const inserted = await store().insert(job({ attempts: 4 }));

      expect(await store().get(inserted.id)).toMatchObject({ attempt: 1, attempts: 4, attemptErrors: [], nextAttemptAt: null });
    });

    it('sends a running job back to pending with its next attempt, the earlier errors and when it may start', async () => {
      const { id } = await store().insert(job({ attempts: 3, args: { message: 'hi' } }));
      await store().transition(id, ['pending'], 'running', { startedAt: new Date(), nextAttemptAt: null });
      const nextAttemptAt = new Date(Date.now() + 5_000);

      const waiting = await store().transition(id, ['running'], 'pending', { attempt: 2, attemptErrors: [timeout], nextAttemptAt, startedAt: null });

      expect(waiting).toMatchObject({ status: 'pending', attempt: 2, attempts: 3, attemptErrors: [timeout], nextAttemptAt, startedAt: null, args: { message: 'hi' } });
      expect(await store().get(id)).toEqual(waiting);
      expect(await store().findByStatus(['pending'])).toEqual([waiting]);
      const started = await store().transition(id, ['pending'], 'running', { startedAt: new Date(), nextAttemptAt: null });
      expect(started).toMatchObject({ status: 'running', attempt: 2, attemptErrors: [timeout], nextAttemptAt: null });
    });

    it('lists a job waiting between attempts as pending', async () => {
      const { id } = await store().insert(job({ attempts: 2 }));
      await store().transition(id, ['pending'], 'running');
      await store().transition(id, ['running'], 'pending', { attempt: 2, attemptErrors: [timeout], nextAttemptAt: new Date() });

      const page = await store().list({ status: 'pending', limit: 10 });

      expect(page.jobs.map((listed) => [listed.id, listed.attempt])).toEqual([[id, 2]]);
    });
  });
}
