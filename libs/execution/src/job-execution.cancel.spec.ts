import { JobAlreadyFinishedError, OverloadedError } from '@forgesyte/errors';
import { CallCancellation } from '@forgesyte/runtime';
import { JobExecutionService } from './job-execution.service';
import type { Job } from './jobs/job';
import { STORE_KINDS, useStoreUnderTest } from './testing/store-kinds';
import { createExecutionTestApp, type ExecutionTestApp, waitFor, waitForStatus } from './testing/execution-test-app';
import { OWNER, echo, waitForever, recordStatuses, rejectionOf } from './testing/job-requests';

describe.each(STORE_KINDS)(`${JobExecutionService.name} on the %s store`, (kind) => {
  const storeUnderTest = useStoreUnderTest(kind);
  let app: ExecutionTestApp;

  afterEach(async () => {
    jest.restoreAllMocks();
    await app.close();
  });

  describe('cancel', () => {
    it('cancels a pending job without ever running it', async () => {
      app = await createExecutionTestApp({ store: storeUnderTest(), maxConcurrency: 1 });
      const statuses = recordStatuses(app.store);
      const blocker = await app.jobs.submit(waitForever, OWNER);
      await waitForStatus(app.store, blocker.job.id, 'running');
      const { job } = await app.jobs.submit(echo('never'), OWNER);

      const cancelled = await app.jobs.cancel(job);

      expect(cancelled).toMatchObject({ id: job.id, status: 'cancelled', startedAt: null });
      expect(cancelled.error?.code).toBe('CANCELLED');
      expect(statuses.get(job.id)).toEqual(['pending', 'cancelled']);
    });

    it('tells one of several concurrent cancels of a pending job that it cancelled it, and the others that it had finished', async () => {
      app = await createExecutionTestApp({ store: storeUnderTest(), maxConcurrency: 1 });
      const statuses = recordStatuses(app.store);
      const blocker = await app.jobs.submit(waitForever, OWNER);
      await waitForStatus(app.store, blocker.job.id, 'running');
      const { job } = await app.jobs.submit(echo('never'), OWNER);

      const answers = await Promise.allSettled(Array.from({ length: 8 }, () => app.jobs.cancel(job)));

      const cancelled = answers.filter((answer) => answer.status === 'fulfilled');
      const refused = answers.flatMap((answer) => (answer.status === 'rejected' ? [answer.reason as unknown] : []));
      expect(cancelled).toHaveLength(1);
      expect(refused).toHaveLength(7);
      for (const error of refused) expect(error).toMatchObject({ code: 'JOB_ALREADY_FINISHED', details: { status: 'cancelled' } });
      expect(statuses.get(job.id)).toEqual(['pending', 'cancelled']);
    });

    it('does not run a cancelled pending job once the executor frees up', async () => {
      app = await createExecutionTestApp({ store: storeUnderTest(), maxConcurrency: 1 });
      const blocker = await app.jobs.submit(waitForever, OWNER);
      await waitForStatus(app.store, blocker.job.id, 'running');
      const { job } = await app.jobs.submit(echo('never'), OWNER);
      await app.jobs.cancel(job);

      await app.jobs.cancel((await app.store.get(blocker.job.id)) as Job);
      const after = await app.jobs.submit(echo('after'), OWNER);
      await waitForStatus(app.store, after.job.id, 'success');

      expect(app.registry.snapshot('echo').metrics.successCount).toBe(1);
      expect((await app.store.get(job.id))?.status).toBe('cancelled');
    });

    it('fires the AbortSignal of a running job and ends it cancelled', async () => {
      app = await createExecutionTestApp({ store: storeUnderTest() });
      const { job } = await app.jobs.submit(waitForever, OWNER);
      const running = await waitForStatus(app.store, job.id, 'running');

      const cancelled = await app.jobs.cancel(running);
      const aborts = await app.jobs.runSync({ plugin: 'abortable', tool: 'aborts_seen', args: {} }, OWNER);

      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.error?.code).toBe('CANCELLED');
      expect(aborts.result).toEqual({ aborts: 1 });
    });

    it('moves a cancelled running job through pending, running and cancelled only', async () => {
      app = await createExecutionTestApp({ store: storeUnderTest() });
      const statuses = recordStatuses(app.store);
      const { job } = await app.jobs.submit(waitForever, OWNER);
      const running = await waitForStatus(app.store, job.id, 'running');

      await app.jobs.cancel(running);

      expect(statuses.get(job.id)).toEqual(['pending', 'running', 'cancelled']);
    });

    it('refuses to cancel a finished job with JobAlreadyFinishedError', async () => {
      app = await createExecutionTestApp({ store: storeUnderTest() });
      const job = await app.jobs.runSync(echo('done'), OWNER);

      const error = await rejectionOf(app.jobs.cancel(job));

      expect(error).toBeInstanceOf(JobAlreadyFinishedError);
      expect(error).toMatchObject({ code: 'JOB_ALREADY_FINISHED', jobId: job.id, details: { status: 'success' } });
    });

    it('refuses to cancel with a stale pending snapshot of a job that has since finished', async () => {
      app = await createExecutionTestApp({ store: storeUnderTest() });
      const { job } = await app.jobs.submit(echo('quick'), OWNER);
      await waitForStatus(app.store, job.id, 'success');

      const error = await rejectionOf(app.jobs.cancel(job));

      expect(error).toBeInstanceOf(JobAlreadyFinishedError);
      expect((await app.store.get(job.id))?.status).toBe('success');
    });
  });


  describe('runSync with a caller signal', () => {
    it('ends the running job cancelled when the caller signal aborts, and its tool sees the abort', async () => {
      app = await createExecutionTestApp({ store: storeUnderTest() });
      const statuses = recordStatuses(app.store);
      const callerGone = new CallCancellation();
      const running = app.jobs.runSync(waitForever, OWNER, callerGone);
      // Its tool is running (not only its record): the abort must reach the tool itself.
      await waitFor('the tool to run', () => (app.registry.snapshot('abortable').metrics.inFlight === 1 ? true : undefined));

      callerGone.abort();
      const job = await running;
      const aborts = await app.jobs.runSync({ plugin: 'abortable', tool: 'aborts_seen', args: {} }, OWNER);

      expect(job.status).toBe('cancelled');
      expect(job.error).toMatchObject({ code: 'CANCELLED', details: { stopped: 'cooperative' } });
      expect((await app.store.get(job.id))?.status).toBe('cancelled');
      expect(statuses.get(job.id)).toEqual(['running', 'cancelled']);
      expect(aborts.result).toEqual({ aborts: 1 });
    });

    it('does not start the tool when the caller signal aborted already', async () => {
      app = await createExecutionTestApp({ store: storeUnderTest() });
      const callerGone = new CallCancellation();
      callerGone.abort();

      const job = await app.jobs.runSync(echo('never'), OWNER, callerGone);

      expect(job.status).toBe('cancelled');
      expect(job.error).toMatchObject({ code: 'CANCELLED', details: { stopped: 'not_started' } });
      expect(app.registry.snapshot('echo').metrics.successCount).toBe(0);
    });

    it('stops listening to the caller signal once the job ended', async () => {
      app = await createExecutionTestApp({ store: storeUnderTest() });
      const callerGone = new CallCancellation();
      const removed = jest.spyOn(callerGone, 'removeEventListener');

      const job = await app.jobs.runSync(echo('done'), OWNER, callerGone);

      expect(job.status).toBe('success');
      expect(removed).toHaveBeenCalledWith('abort', expect.any(Function));
    });
  });

  describe('queue bound', () => {
    beforeEach(async () => {
      app = await createExecutionTestApp({ store: storeUnderTest(), maxConcurrency: 1, maxQueue: 1 });
    });

    async function fillTheQueue(): Promise<{ running: Job; waiting: Job }> {
      const running = await app.jobs.submit(waitForever, OWNER);
      await waitForStatus(app.store, running.job.id, 'running');
      const waiting = await app.jobs.submit(echo('waiting'), OWNER);
      return { running: running.job, waiting: waiting.job };
    }

    it('refuses a submission past maxQueue with a retryable OverloadedError', async () => {
      await fillTheQueue();

      const error = await rejectionOf(app.jobs.submit(echo('one too many'), OWNER));

      expect(error).toBeInstanceOf(OverloadedError);
      expect(error).toMatchObject({ code: 'OVERLOADED', retryable: true, retryAfterSeconds: expect.any(Number) });
      expect((error as OverloadedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    });

    it('stores no job for a refused submission', async () => {
      await fillTheQueue();
      await rejectionOf(app.jobs.submit(echo('one too many'), OWNER));

      const page = await app.jobs.list({ limit: 100 });

      expect(page.jobs).toHaveLength(2);
    });

    it('accepts submissions again once a queued job has started', async () => {
      const { running, waiting } = await fillTheQueue();

      await app.jobs.cancel(running);
      await waitForStatus(app.store, waiting.id, 'success');
      const { job } = await app.jobs.submit(echo('room again'), OWNER);

      expect(job.status).toBe('pending');
    });

    it('replays an idempotent submission even while the queue is full', async () => {
      await app.jobs.submit(waitForever, OWNER).then(({ job }) => waitForStatus(app.store, job.id, 'running'));
      const first = await app.jobs.submit(echo('keyed'), OWNER, { idempotencyKey: 'key-full-queue' });

      const replay = await app.jobs.submit(echo('keyed'), OWNER, { idempotencyKey: 'key-full-queue' });

      expect(replay).toEqual({ job: expect.objectContaining({ id: first.job.id }), replayed: true });
    });
  });

});

