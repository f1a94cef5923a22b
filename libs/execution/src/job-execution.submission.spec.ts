import { ExecutionFailedError, IdempotencyConflictError } from '@forgesyte/errors';
import { JobExecutionService } from './job-execution.service';
import type { Job } from './jobs/job';
import type { JobStore } from './store/job-store';
import { STORE_KINDS, type StoreAfterShutdown, storeAfterShutdown, useStoreUnderTest } from './testing/store-kinds';
import { createExecutionTestApp, type ExecutionTestApp, waitFor, waitForStatus } from './testing/execution-test-app';
import { OWNER, echo, waitForever, slowCount, rejectionOf } from './testing/job-requests';

describe.each(STORE_KINDS)(`${JobExecutionService.name} on the %s store`, (kind) => {
  const storeUnderTest = useStoreUnderTest(kind);
  let app: ExecutionTestApp;

  afterEach(async () => {
    jest.restoreAllMocks();
    await app.close();
  });

  describe('idempotency', () => {
    beforeEach(async () => {
      app = await createExecutionTestApp({ store: storeUnderTest() });
    });

    it('returns the same job, replayed, for the same key and the same request', async () => {
      const first = await app.jobs.submit(echo('once'), OWNER, { idempotencyKey: 'key-1' });

      const second = await app.jobs.submit(echo('once'), OWNER, { idempotencyKey: 'key-1' });

      expect(second.replayed).toBe(true);
      expect(second.job.id).toBe(first.job.id);
    });

    it('treats a request with its keys in another order as the same request', async () => {
      const first = await app.jobs.submit({ plugin: 'echo', tool: 'echo', args: { message: 'once' } }, OWNER, { idempotencyKey: 'key-order' });

      const second = await app.jobs.submit({ args: { message: 'once' }, tool: 'echo', plugin: 'echo' }, OWNER, { idempotencyKey: 'key-order' });

      expect(second).toMatchObject({ replayed: true, job: { id: first.job.id } });
    });

    it('runs a replayed job only once', async () => {
      const first = await app.jobs.submit(echo('once'), OWNER, { idempotencyKey: 'key-1' });
      await app.jobs.submit(echo('once'), OWNER, { idempotencyKey: 'key-1' });

      await waitForStatus(app.store, first.job.id, 'success');
      const page = await app.jobs.list({ limit: 100 });

      expect(page.jobs).toHaveLength(1);
      expect(app.registry.snapshot('echo').metrics.successCount).toBe(1);
    });

    it('makes one job, run once, of submissions with the same key that arrive together', async () => {
      const submissions = await Promise.all(Array.from({ length: 5 }, () => app.jobs.submit(echo('together'), OWNER, { idempotencyKey: 'key-together' })));

      const ids = new Set(submissions.map((submission) => submission.job.id));
      expect(ids.size).toBe(1);
      expect(submissions.filter((submission) => !submission.replayed)).toHaveLength(1);
      await waitForStatus(app.store, [...ids][0], 'success');
      expect((await app.jobs.list({ limit: 100 })).jobs).toHaveLength(1);
      expect(app.registry.snapshot('echo').metrics.successCount).toBe(1);
    });

    it('refuses the same key with a different request with IdempotencyConflictError', async () => {
      const first = await app.jobs.submit(echo('once'), OWNER, { idempotencyKey: 'key-1' });

      const error = await rejectionOf(app.jobs.submit(echo('twice'), OWNER, { idempotencyKey: 'key-1' }));

      expect(error).toBeInstanceOf(IdempotencyConflictError);
      expect(error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', jobId: first.job.id, details: { idempotency_key: 'key-1' } });
    });

    it('gives different owners using the same key different jobs', async () => {
      const alice = await app.jobs.submit(echo('same'), 'key_alice', { idempotencyKey: 'shared-key' });

      const bob = await app.jobs.submit(echo('same'), 'key_bob', { idempotencyKey: 'shared-key' });

      expect(bob.replayed).toBe(false);
      expect(bob.job.id).not.toBe(alice.job.id);
      expect(bob.job.owner).toBe('key_bob');
    });

    it('makes a new job for each submission without a key', async () => {
      const first = await app.jobs.submit(echo('same'), OWNER);

      const second = await app.jobs.submit(echo('same'), OWNER);

      expect(second.job.id).not.toBe(first.job.id);
    });
  });


  describe('submission checks', () => {
    beforeEach(async () => {
      app = await createExecutionTestApp({ store: storeUnderTest() });
    });

    it.each([
      ['an unknown plugin', { plugin: 'nope', args: {} }, 'PLUGIN_NOT_FOUND'],
      ['an unknown tool', { plugin: 'echo', tool: 'whisper', args: { message: 'x' } }, 'TOOL_NOT_FOUND'],
      ['arguments that break the input schema', { plugin: 'echo', tool: 'echo', args: { msg: 'x' } }, 'INPUT_INVALID'],
      ['an unavailable plugin', { plugin: 'init-throws', tool: 'noop', args: {} }, 'PLUGIN_UNAVAILABLE'],
    ])('refuses %s with ExecutionFailedError carrying its code', async (_, request, code) => {
      const error = await rejectionOf(app.jobs.submit(request, OWNER));

      expect(error).toBeInstanceOf(ExecutionFailedError);
      expect((error as ExecutionFailedError).code).toBe(code);
    });

    it.each([
      ['an unknown plugin', { plugin: 'nope', args: {} }],
      ['an unknown tool', { plugin: 'echo', tool: 'whisper', args: { message: 'x' } }],
      ['arguments that break the input schema', { plugin: 'echo', tool: 'echo', args: { msg: 'x' } }],
    ])('creates no job for %s', async (_, request) => {
      await rejectionOf(app.jobs.submit(request, OWNER));

      const page = await app.jobs.list({ limit: 100 });

      expect(page.jobs).toEqual([]);
    });
  });


  describe('shutdown', () => {
    const durable = kind !== 'memory';
    let after: StoreAfterShutdown;

    beforeEach(async () => {
      app = await createExecutionTestApp({ store: storeUnderTest(), maxConcurrency: 1 });
    });

    afterEach(async () => {
      await after?.close();
    });

    /** Closes the app, and reads its jobs as the next process would (a durable store is closed at shutdown). */
    async function shutDown(): Promise<JobStore> {
      await app.close();
      after = await storeAfterShutdown(storeUnderTest(), app.store);
      return after.store;
    }

    async function runningAndPending(): Promise<{ running: Job; pending: Job }> {
      const running = await app.jobs.submit(slowCount(1000, 20), OWNER);
      await waitForStatus(app.store, running.job.id, 'running');
      const pending = await app.jobs.submit(echo('queued'), OWNER);
      return { running: running.job, pending: pending.job };
    }

    if (durable) {
      it('keeps a pending job pending for the next start', async () => {
        const { pending } = await runningAndPending();

        const job = await (await shutDown()).get(pending.id);

        expect(job).toMatchObject({ status: 'pending', startedAt: null });
      });
    } else {
      it('fails a pending job with a retryable JOB_INTERRUPTED (the memory store would lose it)', async () => {
        const { pending } = await runningAndPending();

        const job = await (await shutDown()).get(pending.id);

        expect(job).toMatchObject({ status: 'failed', startedAt: null, error: { code: 'JOB_INTERRUPTED', retryable: true } });
      });
    }

    it('fails a running job with a retryable JOB_INTERRUPTED', async () => {
      const { running } = await runningAndPending();

      const job = await (await shutDown()).get(running.id);

      expect(job).toMatchObject({ status: 'failed', error: { code: 'JOB_INTERRUPTED', retryable: true } });
      expect(job?.completedAt).toBeInstanceOf(Date);
    });

    it(`leaves no job running${durable ? '' : ' or pending'}`, async () => {
      await runningAndPending();

      const left = await (await shutDown()).findByStatus(durable ? ['running'] : ['pending', 'running']);

      expect(left).toEqual([]);
    });

    it('resolves an in-flight sync run with its job failed as JOB_INTERRUPTED', async () => {
      const inFlight = app.jobs.runSync(waitForever, OWNER);
      await waitFor('the sync job to run', async () => (await app.store.findByStatus(['running']))[0]);

      await app.close();
      const job = await inFlight;

      expect(job).toMatchObject({ status: 'failed', error: { code: 'JOB_INTERRUPTED', retryable: true } });
    });

    it('refuses a submission that arrives after shutdown began, and stores no job for it', async () => {
      await app.close();

      const error = await rejectionOf(app.jobs.submit(echo('too late'), OWNER));

      expect(error).toMatchObject({ code: 'OVERLOADED' });
      expect(await (await shutDown()).findByStatus(['pending', 'running'])).toEqual([]);
    });
  });
});
